// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>

#include <functional>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace hb::app {

/**
 * What a first start shows instead of a board nobody chose: open the team's board (a file, or one used before),
 * make a new empty board (its name, then where), or try the demo board, which says DEMO wherever it shows.
 */
class WelcomeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomeDialog)

public:
    enum class Choice { None, Open, Create, Demo };

    /// @p recent: boards opened before that are still there, newest first.
    explicit WelcomeDialog(const QStringList &recent, QWidget *parent = nullptr);
    ~WelcomeDialog() override;

    Choice choice() const { return m_choice; }
    /// The board to open or to create (empty for the demo, which has its own place).
    QString path() const { return m_path; }
    /// The new board's name (Create).
    QString boardName() const;

    /// Asks for a file: @p save for a new board, with @p suggested as its name; empty when cancelled. A file
    /// dialog unless set (tests).
    using FileAsker = std::function<QString(bool save, const QString &suggested)>;
    void setFileAsker(FileAsker asker) { m_askFile = std::move(asker); }

private:
    void choose(Choice choice, const QString &path);
    void openFile();
    void create();

    QListWidget *m_recent;
    QLineEdit *m_name;
    QPushButton *m_create;
    Choice m_choice = Choice::None;
    QString m_path;
    FileAsker m_askFile;
};

} // namespace hb::app

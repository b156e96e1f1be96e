// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QListView;
class QPushButton;
class QToolButton;

namespace hb::board {

class BoardActions;
class LabelModel;

/**
 * The board's labels, to add, rename (F2 or a double-click), recolour and delete (Delete). Not modal: the board
 * goes on behind it. Every change is an undo step on the board's stack (Ctrl+Z works here too).
 */
class LabelsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabelsDialog)

public:
    explicit LabelsDialog(BoardActions &actions, QWidget *parent = nullptr);
    ~LabelsDialog() override;

    /// Selects label @p id in the list.
    void selectLabel(qint64 id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    qint64 currentId() const;
    void addLabel();
    void deleteCurrent();
    void recolorCurrent(const QString &color);
    void pickOtherColor();
    void updateButtons();

    BoardActions &m_actions;
    LabelModel *m_model = nullptr;
    QListView *m_list = nullptr;
    QLineEdit *m_newName = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_rename = nullptr;
    QToolButton *m_color = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace hb::board

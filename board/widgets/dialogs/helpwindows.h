// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>
#include <QString>

class QLineEdit;
class QMenu;
class QMenuBar;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;
class QWidget;

namespace hb::board {

/// One key people can press, what it does, and where (a menu, or "On a card").
struct ShortcutEntry
{
    QString what;
    QList<QKeySequence> keys;
    QString where;
};

/// Help > Keyboard Shortcuts: every key of the window, searchable as you type (by what, key or where).
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    explicit ShortcutsDialog(const QList<ShortcutEntry> &entries, QWidget *parent = nullptr);
    ~ShortcutsDialog() override;

    QSortFilterProxyModel *shownModel() const { return m_shown; }

    /// Every entry of @p bar's menus (and their submenus) that has a key, "where" being its menu path.
    static QList<ShortcutEntry> menuKeys(const QMenuBar *bar);
    /// The keys the board itself takes (not from a menu): moving, opening, renaming, archiving cards.
    static QList<ShortcutEntry> boardKeys();

private:
    QStandardItemModel *m_entries;
    QSortFilterProxyModel *m_shown;
    QLineEdit *m_search;
    QTreeView *m_view;
};

/// Help > User Guide: the short guide, shown as formatted text (from the program's resources, never run as HTML).
class UserGuideDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserGuideDialog)

public:
    /// The user guide; or another page of help, the Markdown of @p resource under @p title.
    explicit UserGuideDialog(QWidget *parent = nullptr, const QString &resource = QStringLiteral(":/help/guide.md"),
                             const QString &title = {});
    ~UserGuideDialog() override;
};

} // namespace hb::board

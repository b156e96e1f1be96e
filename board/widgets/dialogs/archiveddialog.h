// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class ArchivedCardsModel;
class BoardActions;

/**
 * The board's archived cards, to find (by title; sorted by any column) and put back on the board: each restore is an
 * undo step, and the card goes back to the column it was archived from. Not modal; viewers see the list but restore
 * nothing.
 */
class ArchivedDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArchivedDialog)

public:
    /// @p actions null: look only.
    ArchivedDialog(storage::BoardStore &store, BoardActions *actions, QWidget *parent = nullptr);
    ~ArchivedDialog() override;

    /// Reads the archived cards again (after a restore, or when shown).
    void reload();
    /// The archived cards, a row each: title, column, when archived and by whom.
    QTreeView *list() const { return m_list; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void restoreSelected();
    void updateButtons();

    storage::BoardStore &m_store;
    BoardActions *m_actions;
    ArchivedCardsModel *m_model;
    QSortFilterProxyModel *m_shown;
    QLineEdit *m_search = nullptr;
    QTreeView *m_list = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_restore = nullptr;
};

} // namespace hb::board

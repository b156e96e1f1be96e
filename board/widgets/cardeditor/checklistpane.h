// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QWidget>

class QKeyEvent;
class QLabel;
class QLineEdit;
class QListView;
class QToolButton;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardActions;
class ChecklistModel;
class TemplateMenu;

/**
 * The card editor's checklist: its items, ticked with Space or a click, edited with F2 or a double-click, removed
 * with Delete, reordered with Ctrl+Up/Down or a drag; a field below adds one (Enter), and Templates adds a
 * template's items or saves the list as one. Each change is an undo step through BoardActions.
 */
class ChecklistPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecklistPane)

public:
    explicit ChecklistPane(QWidget *parent = nullptr);
    ~ChecklistPane() override;

    /// The board the items are on; without @p actions (a viewer, a read-only file) it only shows them.
    void setBoard(storage::BoardStore *store, BoardActions *actions);
    /// The card whose items these are (the items themselves come with setItems()).
    void showCard(qint64 cardId);
    void setItems(qint64 cardId, const QList<storage::ChecklistItem> &items);
    /// Whether items may be added (and templates used) here.
    void setEditable(bool editable);
    /// An item is being edited here: a colleague's change to the list waits.
    bool isEditingItem() const;
    ChecklistModel *model() const { return m_model; }
    /// The field that adds an item.
    QLineEdit *addField() const { return m_add; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool itemKey(QKeyEvent *event);
    void addItem();
    /// As tall as its items (the editor scrolls, not the list), and "n/m done" beside the heading.
    void fitToItems();

    BoardActions *m_actions = nullptr;
    qint64 m_cardId = 0;
    ChecklistModel *m_model = nullptr;
    QLabel *m_progress = nullptr;
    QToolButton *m_templates = nullptr;
    TemplateMenu *m_templateMenu = nullptr;
    QListView *m_view = nullptr;
    QLineEdit *m_add = nullptr;
};

} // namespace hb::board

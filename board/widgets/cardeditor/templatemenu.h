// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMenu>

#include <functional>

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardActions;

/**
 * The checklist's template menu: one entry per board template (adds its items to the card), "Save Checklist as
 * Template…", and a submenu to delete one. Templates are read when the menu opens, so colleagues' new ones show.
 */
class TemplateMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateMenu)

public:
    explicit TemplateMenu(QWidget *parent = nullptr);
    ~TemplateMenu() override;

    /// @p actions null: nothing can be changed (the entries are disabled).
    void setBoard(storage::BoardStore *store, BoardActions *actions);
    /// The card the templates go on, and how to read its checklist as it is shown (for saving it).
    void setCard(qint64 cardId, std::function<QStringList()> checklist);

    /// Asks for a name and saves the card's checklist as a template under it (replacing one of that name if the
    /// user agrees).
    void saveChecklistAs();

private:
    void fill();
    void save(const QString &name, const QStringList &items);

    storage::BoardStore *m_store = nullptr;
    BoardActions *m_actions = nullptr;
    qint64 m_cardId = 0;
    std::function<QStringList()> m_checklist;
};

} // namespace hb::board

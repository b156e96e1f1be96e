// SPDX-License-Identifier: GPL-3.0-or-later
// The menu a right-click on a card opens: what people do to a card without opening it.
#include "boardview.h"
#include "carddelegate.h"

#include <board/actions/boardactions.h>
#include <board/model/boardmodel.h>
#include <board/model/cardfiltermodel.h>
#include <board/rules/cardfields.h>
#include <board/rules/escalation.h>
#include <board/widgets/common/chips.h>
#include <board/widgets/common/theme.h>
#include <board/widgets/common/menutext.h>
#include <storage/boardstore.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QIcon>
#include <QListView>
#include <QMenu>
#include <QUndoStack>

#include <algorithm>

namespace hb::board {

void BoardView::showCardMenu(int column, const QPoint &at)
{
    QListView *view = columnView(column);
    const QModelIndex clicked = view->indexAt(at);
    if (!clicked.isValid() || clicked.parent() != view->rootIndex())
        return;
    // The menu is for the selected cards when the click was on one of them, else for the clicked card alone.
    if (!view->selectionModel()->isSelected(clicked)) {
        view->selectionModel()->select(clicked, QItemSelectionModel::ClearAndSelect);
    }
    view->selectionModel()->setCurrentIndex(clicked, QItemSelectionModel::NoUpdate);
    const QList<qint64> ids = selectedIds(column);
    const qint64 id = clicked.data(BoardModel::IdRole).toLongLong();
    const storage::Card *card = m_model->cardAt(m_model->cardIndex(id));
    if (!card)
        return;
    const bool many = ids.size() > 1;
    const bool editable = m_actions != nullptr;

    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("cardMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto named = [](QAction *action, const QString &name) {
        action->setObjectName(name);
        return action;
    };

    QAction *open = named(menu->addAction(tr("&Open"), this, [this, id] { Q_EMIT cardActivated(id); }),
                          QStringLiteral("openCard"));
    open->setShortcut(QKeySequence(Qt::Key_Return));
    open->setEnabled(!many);
    menu->setDefaultAction(open);
    menu->addSeparator();

    // A change to several cards is one undo step, named for what it did.
    const auto forEachCard = [this, ids](const QString &text, const std::function<void(qint64)> &change) {
        // The board may have been opened again meanwhile (a colleague made this user a viewer): nothing to do then.
        if (!m_actions)
            return;
        if (ids.size() == 1) {
            change(ids.constFirst());
            return;
        }
        m_actions->undoStack().beginMacro(text);
        for (qint64 each : ids)
            change(each);
        m_actions->undoStack().endMacro();
    };
    const auto setField = [this, forEachCard](const QString &text, const storage::CardPatch &patch) {
        forEachCard(text, [this, patch, text](qint64 each) { m_actions->editCard(each, patch, text); });
    };

    QMenu *move = menu->addMenu(tr("&Move To"));
    move->setObjectName(QStringLiteral("moveToMenu"));
    for (int to = 0; to < m_model->rowCount(); ++to) {
        // By id: the board may be read again while the menu is open.
        const QModelIndex target = m_model->index(to, 0);
        const qint64 targetId = target.data(BoardModel::IdRole).toLongLong();
        QAction *action = move->addAction(menuText(target.data().toString()), this, [this, ids, targetId] {
            if (m_actions)
                m_actions->moveCards(ids, targetId, 0);
        });
        action->setObjectName(QStringLiteral("moveTo-%1").arg(to));
        action->setEnabled(editable && to != column);
    }
    move->setEnabled(editable);

    const QString me = editable ? m_actions->store().login() : QString();
    QAction *assign = named(menu->addAction(tr("&Assign to Me"), this,
                                            [setField, me] {
                                                storage::CardPatch patch;
                                                patch.assignee = me;
                                                setField(tr("Assign to Me"), patch);
                                            }),
                            QStringLiteral("assignToMe"));
    assign->setEnabled(editable && (many || card->assignee != me));

    // One field's values, one of them ticked (the card's, when it is one card): a pick sets it.
    const auto choices = [&](const QString &title, const QString &name, const QString &stepText, auto field,
                             auto cardField, const auto &values, auto text, auto icon) {
        QMenu *submenu = menu->addMenu(title);
        submenu->setObjectName(name + QStringLiteral("Menu"));
        auto *group = new QActionGroup(submenu);
        for (const auto each : values) {
            QAction *action = submenu->addAction(icon(each), text(each), this, [setField, stepText, field, each] {
                storage::CardPatch patch;
                patch.*field = each;
                setField(stepText, patch);
            });
            action->setObjectName(name + u'-' + storage::toText(each));
            action->setCheckable(true);
            action->setChecked(!many && (*card).*cardField == each);
            group->addAction(action);
        }
        submenu->setEnabled(editable);
    };
    choices(tr("&Priority"), QStringLiteral("priority"), tr("Set Priority"), &storage::CardPatch::priority,
            &storage::Card::priority, s_priorityOrder, priorityText,
            [](storage::Priority each) { return chips::swatch(theme::priority(storage::toText(each))); });
    choices(tr("&Status"), QStringLiteral("status"), tr("Set Status"), &storage::CardPatch::status,
            &storage::Card::status, s_statusOrder, statusText, [](storage::StatusTag) { return QIcon(); });

    addEscalationMenu(menu, ids, editable);

    QMenu *labels = menu->addMenu(tr("&Labels"));
    labels->setObjectName(QStringLiteral("labelsMenu"));
    for (const storage::Label &label : m_model->labels()) {
        // Ticked when every card has it; a pick puts it on all of them, or takes it off all of them.
        const bool all = std::all_of(ids.cbegin(), ids.cend(), [this, &label](qint64 each) {
            const storage::Card *shown = m_model->cardAt(m_model->cardIndex(each));
            return shown && shown->labelIds.contains(label.id);
        });
        QAction *action = labels->addAction(
                chips::swatch(QColor(label.color)), menuText(label.name), this,
                [this, forEachCard, labelId = label.id, all] {
                    forEachCard(all ? tr("Remove Label") : tr("Add Label"),
                                [this, labelId, all](qint64 each) { m_actions->setCardLabel(each, labelId, !all); });
                });
        action->setObjectName(QStringLiteral("label-%1").arg(label.id));
        action->setCheckable(true);
        action->setChecked(all);
    }
    labels->setEnabled(editable && !labels->isEmpty());

    menu->addSeparator();
    QAction *archive =
            named(menu->addAction(many ? tr("Ar&chive %n Cards", nullptr, int(ids.size())) : tr("Ar&chive"), this,
                                  [this, ids] {
                                      if (m_actions)
                                          m_actions->archiveCards(ids);
                                  }),
                  QStringLiteral("archiveCards"));
    archive->setShortcut(QKeySequence(Qt::Key_Delete));
    archive->setEnabled(editable);

    menu->addSeparator();
    // "#12" to paste into a chat or an e-mail, or "#12 Printer jams on 3rd floor", one line a card.
    const auto copied = [this, ids](bool withTitles) {
        QStringList lines;
        for (qint64 each : ids) {
            const storage::Card *shown = m_model->cardAt(m_model->cardIndex(each));
            lines << (withTitles && shown ? QStringLiteral("#%1 %2").arg(each).arg(shown->title)
                                          : QStringLiteral("#%1").arg(each));
        }
        return lines.join(withTitles ? QStringLiteral("\n") : QStringLiteral(" "));
    };
    named(menu->addAction(many ? tr("Copy &Numbers") : tr("Copy &Number"), this,
                          [copied] { QApplication::clipboard()->setText(copied(false)); }),
          QStringLiteral("copyNumber"));
    named(menu->addAction(tr("Copy Number and &Title"), this,
                          [copied] { QApplication::clipboard()->setText(copied(true)); }),
          QStringLiteral("copyNumberAndTitle"));

    menu->popup(view->viewport()->mapToGlobal(at));
}

void BoardView::addEscalationMenu(QMenu *menu, const QList<qint64> &ids, bool editable)
{
    namespace escalation = board::escalation;
    QList<storage::Card> cards;
    for (qint64 each : ids) {
        if (const storage::Card *shown = m_model->cardAt(m_model->cardIndex(each)))
            cards << *shown;
    }
    // Each card's own edit (a vendor's sets its status too), as one undo step for all of them; made from each card
    // as the board shows it when the pick is made (a colleague's change may have come in while the menu was open).
    using Edit = std::function<std::optional<storage::CardPatch>(const storage::Card &)>;
    const auto forEach = [this, ids](const QString &text, const Edit &edit) {
        if (!m_actions)
            return;
        m_actions->undoStack().beginMacro(text);
        for (qint64 each : ids) {
            const storage::Card *card = m_model->cardAt(m_model->cardIndex(each));
            if (!card)
                continue;
            if (const auto patch = edit(*card))
                m_actions->editCard(each, *patch, text);
        }
        m_actions->undoStack().endMacro();
    };
    const bool anyEscalated = std::any_of(cards.cbegin(), cards.cend(),
                                          [](const storage::Card &card) { return card.escalation.isEscalated(); });
    const auto allTo = [&cards](qint64 targetId) {
        return std::all_of(cards.cbegin(), cards.cend(),
                           [targetId](const storage::Card &card) { return card.escalation.targetId == targetId; });
    };

    QMenu *submenu = menu->addMenu(tr("&Escalate"));
    submenu->setObjectName(QStringLiteral("escalateMenu"));
    for (const storage::EscalationTarget &target : m_model->escalationTargets()) {
        QAction *action = submenu->addAction(
                chips::swatch(theme::escalation(storage::toText(target.kind))),
                tr("To %1").arg(menuText(escalation::targetText(target.name, target.kind))), this, [forEach, target] {
                    forEach(tr("Escalate to %1").arg(menuText(target.name)), [&target](const storage::Card &card) {
                        return card.escalation.targetId == target.id
                                       ? std::nullopt
                                       : std::optional(escalation::escalate(card, target));
                    });
                });
        action->setObjectName(QStringLiteral("escalateTo-%1").arg(target.id));
        action->setCheckable(true);
        action->setChecked(allTo(target.id));
        action->setEnabled(editable && !allTo(target.id));
    }
    if (m_model->escalationTargets().isEmpty()) {
        QAction *none = submenu->addAction(tr("No escalation targets yet (Board > Escalation Targets)"));
        none->setEnabled(false);
    }
    submenu->addSeparator();
    // The vendor's answers, for one escalated card.
    const bool one = cards.size() == 1 && cards.constFirst().escalation.isEscalated();
    const auto answer = [&](const QString &text, const QString &undoText, const QString &name, bool on, auto patchFor) {
        QAction *action = submenu->addAction(text, this, [forEach, undoText, on, patchFor] {
            forEach(undoText, [on, patchFor](const storage::Card &card) {
                return card.escalation.isEscalated() ? std::optional(patchFor(card, !on)) : std::nullopt;
            });
        });
        action->setObjectName(name);
        action->setCheckable(true);
        action->setChecked(on);
        action->setEnabled(editable && one);
    };
    const storage::Escalation &open = cards.isEmpty() ? storage::Escalation() : cards.constFirst().escalation;
    answer(tr("&Acknowledged by Them"), tr("Acknowledged by Them"), QStringLiteral("escalationAcknowledged"),
           one && open.acknowledgedAt != 0, escalation::acknowledged);
    answer(tr("&Resolved by Them"), tr("Resolved by Them"), QStringLiteral("escalationResolved"),
           one && open.resolvedAt != 0, escalation::vendorResolved);
    QAction *back = submenu->addAction(tr("&Take Back"), this, [forEach] {
        forEach(tr("Take Back Escalation"), [](const storage::Card &card) {
            return card.escalation.isEscalated() ? std::optional(escalation::takeBack(card)) : std::nullopt;
        });
    });
    back->setObjectName(QStringLiteral("takeBackEscalation"));
    back->setEnabled(editable && anyEscalated);
    submenu->setEnabled(editable || anyEscalated);
}

} // namespace hb::board

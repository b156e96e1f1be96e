// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterbar.h"

#include "carddelegate.h"

#include <board/rules/cardfields.h>
#include <board/sla/clock.h>
#include <board/widgets/common/busyretry.h>
#include <board/widgets/common/chips.h>
#include <board/widgets/common/theme.h>
#include <board/widgets/common/flowlayout.h>
#include <board/widgets/common/menutext.h>
#include <storage/boardstore.h>

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPixmap>
#include <QPushButton>
#include <QResizeEvent>
#include <QSettings>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace hb::board {

namespace {

// Long enough not to search for every letter of a word typed fast, short enough to feel like "as you type".
constexpr int s_typingPauseMs = 120;
constexpr int s_keepLastAfterMs = 1000;
constexpr int s_minSearchLength = 2;

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_typing(new QTimer(this))
    , m_keepLast(new QTimer(this))
{
    setObjectName(QStringLiteral("filterBar"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(10, 8, 10, 0);
    outer->setSpacing(6);
    // The bar asks no more width than its narrow arrangement needs (see minimumSizeHint()): a window on a small
    // screen, or one with a card open, is never held wide by it.
    outer->setSizeConstraint(QLayout::SetNoConstraint);
    // Search (and what goes before it) on the left, the filter buttons on the right; on a narrow window the buttons
    // go on a line of their own below.
    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(8);
    m_grid->setVerticalSpacing(6);
    auto *row = new QHBoxLayout;
    m_row = row;
    row->setSpacing(4);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search cards, comments and checklists (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaxLength(200);
    m_search->setMinimumWidth(s_searchMinWidth);
    m_search->setAccessibleName(tr("Search"));
    m_search->installEventFilter(this);
    row->addWidget(m_search, 1);
    m_grid->addLayout(row, 0, 0);
    m_controls = new QWidget(this);
    m_controls->setObjectName(QStringLiteral("filterButtons"));
    // On as many lines as the width needs: a narrow window (a small screen, a card open beside the board) is never
    // held wider by them.
    auto *buttons = new FlowLayout(m_controls, 4);
    m_typing->setSingleShot(true);
    m_typing->setInterval(s_typingPauseMs);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_typing, &QTimer::timeout, this, &FilterBar::apply);
    // Writing settings goes to disk: once the filters have stopped changing, not on every one of them.
    m_keepLast->setSingleShot(true);
    m_keepLast->setInterval(s_keepLastAfterMs);
    connect(m_keepLast, &QTimer::timeout, this, &FilterBar::keepLast);

    m_overdue = toggle(QStringLiteral("overdueFilter"), tr("Overdue"), tr("Due date passed, not resolved"));
    m_dueSoon = toggle(QStringLiteral("dueSoonFilter"), tr("Due in 24 h"), tr("Due within the next 24 hours"));
    m_unassigned = toggle(QStringLiteral("unassignedFilter"), tr("Unassigned"), tr("Nobody is assigned"));
    m_mine = toggle(QStringLiteral("mineFilter"), tr("Mine"), tr("Assigned to me"));
    m_needsReview = toggle(QStringLiteral("needsReviewFilter"), tr("Needs review"), tr("Tagged as needing review"));
    m_blocked = toggle(QStringLiteral("blockedFilter"), tr("Blocked"), tr("Tagged as blocked"));
    // Short on the bar (it fits one line of a 1280-pixel screen), named in full for describe() and screen readers.
    m_slaAtRisk = toggle(QStringLiteral("slaAtRiskFilter"), tr("At risk"),
                         tr("SLA at risk: less than a quarter of the response or resolution target left (15 minutes "
                            "at least)"));
    m_slaAtRisk->setAccessibleName(tr("SLA at risk"));
    m_slaBreached = toggle(QStringLiteral("slaBreachedFilter"), tr("Breached"),
                           tr("SLA breached: past the response or resolution target, and not resolved yet"));
    m_slaBreached->setAccessibleName(tr("SLA breached"));
    for (QToolButton *button : toggles())
        buttons->addWidget(button);
    m_more = menuButton(QStringLiteral("moreFilters"), tr("More filters"),
                        tr("Priority, labels, assignee, requester, channel"), &FilterBar::fillMoreMenu);
    // "More filters (5)" is as wide as it gets: counting up never moves the buttons after it.
    m_more->setText(tr("More filters (%1)").arg(6));
    m_more->setMinimumWidth(m_more->sizeHint().width());
    buttons->addWidget(m_more);
    m_saved = menuButton(QStringLiteral("savedFilters"), tr("Saved"),
                         tr("Filters saved by name: use one, or save this one"), &FilterBar::fillSavedMenu);
    buttons->addWidget(m_saved);
    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("clearFilters"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show every card again"));
    m_clear->setAutoRaise(true);
    // Always there, enabled while a filter is on: a button that appeared would move the others under the mouse.
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    buttons->addWidget(m_clear);
    // The dashboard's drill-down, last: it comes and goes without moving the other buttons.
    m_drill = new QToolButton(this);
    m_drill->setObjectName(QStringLiteral("dashboardFilter"));
    m_drill->setCheckable(true);
    m_drill->hide();
    connect(m_drill, &QToolButton::clicked, this, [this] {
        changeMore([](CardFilter &filter) {
            filter.cardIds.reset();
            filter.cardIdsName.clear();
        });
    });
    buttons->addWidget(m_drill);
    m_grid->addWidget(m_controls, 0, 1);
    // The search takes what the buttons, on one line, leave.
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(1, 0);
    outer->addLayout(m_grid);

    // Nothing matches: say what is on, and offer the way back.
    m_empty = new QWidget(this);
    m_empty->setObjectName(QStringLiteral("noMatches"));
    auto *empty = new QHBoxLayout(m_empty);
    empty->setContentsMargins(0, 0, 0, 0);
    m_emptyText = new QLabel(m_empty);
    m_emptyText->setObjectName(QStringLiteral("noMatchesText"));
    m_emptyText->setTextFormat(Qt::PlainText); // the search text is people's
    m_emptyText->setWordWrap(true);
    empty->addWidget(m_emptyText, 1);
    auto *clearAll = new QPushButton(tr("Clear filters"), m_empty);
    clearAll->setObjectName(QStringLiteral("clearFiltersButton"));
    connect(clearAll, &QPushButton::clicked, this, &FilterBar::clear);
    empty->addWidget(clearAll);
    m_empty->hide();
    outer->addWidget(m_empty);
    apply();
}

FilterBar::~FilterBar()
{
    if (m_keepLast->isActive())
        keepLast();
}

void FilterBar::keepLast()
{
    m_keepLast->stop();
    if (!m_settingsGroup.isEmpty())
        QSettings().setValue(m_settingsGroup + QStringLiteral("/last"), m_filter.toMap());
}

QToolButton *FilterBar::menuButton(const QString &name, const QString &text, const QString &tip,
                                   void (FilterBar::*fill)())
{
    auto *button = new QToolButton(this);
    button->setObjectName(name);
    button->setText(text);
    button->setToolTip(tip);
    button->setPopupMode(QToolButton::InstantPopup);
    // Filled as it opens: it shows the board's labels and the filters saved as they are then.
    auto *menu = new QMenu(button);
    menu->setObjectName(name + QStringLiteral("Menu"));
    connect(menu, &QMenu::aboutToShow, this, fill);
    button->setMenu(menu);
    return button;
}

QToolButton *FilterBar::toggle(const QString &name, const QString &text, const QString &tip)
{
    auto *button = new QToolButton(this);
    button->setObjectName(name);
    button->setText(text);
    button->setToolTip(tip);
    button->setCheckable(true);
    // Framed, so they read as switches; pressed in while on.
    button->setAutoRaise(false);
    button->setFocusPolicy(Qt::TabFocus);
    connect(button, &QToolButton::toggled, this, &FilterBar::apply);
    return button;
}

void FilterBar::setStore(storage::BoardStore *store, const QString &settingsGroup)
{
    if (m_keepLast->isActive())
        keepLast(); // for the board that was open
    m_store = store;
    m_settingsGroup = settingsGroup;
    m_search->setEnabled(store != nullptr);
    // The filter this board was left with; one from another board would name its labels and columns.
    setFilter(settingsGroup.isEmpty() || !store
                      ? CardFilter()
                      : withoutMissingLabels(
                              CardFilter::fromMap(QSettings().value(settingsGroup + QStringLiteral("/last")).toMap())));
}

CardFilter FilterBar::withoutMissingLabels(CardFilter filter) const
{
    if (filter.labelIds.isEmpty() || !m_store)
        return filter;
    QSet<qint64> live;
    if (auto labels = m_store->labels()) {
        for (const storage::Label &label : *labels)
            live.insert(label.id);
    }
    filter.labelIds.intersect(live);
    return filter;
}

void FilterBar::refreshSearch()
{
    if (!m_filter.search.isEmpty())
        m_typing->start();
}

void FilterBar::setFilter(const CardFilter &filter)
{
    // One change, said once, whatever the controls say on the way.
    m_applying = true;
    m_overdue->setChecked(filter.overdue);
    m_dueSoon->setChecked(filter.dueWithin24h);
    m_unassigned->setChecked(filter.unassigned);
    m_mine->setChecked(filter.mine);
    m_needsReview->setChecked(filter.statuses.contains(storage::StatusTag::NeedsReview));
    m_blocked->setChecked(filter.statuses.contains(storage::StatusTag::Blocked));
    m_slaAtRisk->setChecked(filter.slaStates.contains(sla::stateName(sla::ClockState::AtRisk)));
    m_slaBreached->setChecked(filter.slaStates.contains(sla::stateName(sla::ClockState::Breached)));
    m_search->setText(filter.search);
    m_extra = CardFilter();
    m_extra.priority = filter.priority;
    m_extra.priorityAtLeast = filter.priorityAtLeast;
    m_extra.labelIds = filter.labelIds;
    m_extra.allLabels = filter.allLabels;
    m_extra.assignee = filter.assignee;
    m_extra.requester = filter.requester;
    m_extra.channel = filter.channel;
    for (const storage::StatusTag waiting : s_waitingStatuses) {
        if (filter.statuses.contains(waiting))
            m_extra.statuses.insert(waiting);
    }
    m_extra.escalated = filter.escalated;
    m_extra.escalatedTo = filter.escalatedTo;
    m_extra.cardIds = filter.cardIds;
    m_extra.cardIdsName = filter.cardIdsName;
    m_applying = false;
    m_typing->stop();
    apply();
}

int FilterBar::wideWidth() const
{
    // The row as it reads well: what leads the search, the search at a useful width, and every button.
    const QMargins margins = layout()->contentsMargins();
    return m_row->sizeHint().width() - m_search->sizeHint().width() + s_searchWideWidth + m_grid->horizontalSpacing()
           + m_controls->sizeHint().width() + margins.left() + margins.right();
}

QSize FilterBar::minimumSizeHint() const
{
    const QMargins margins = layout()->contentsMargins();
    const int narrow = std::max(m_row->minimumSize().width(), m_controls->minimumSizeHint().width());
    return {narrow + margins.left() + margins.right(), layout()->minimumSize().height()};
}

QSize FilterBar::sizeHint() const
{
    return {wideWidth(), layout()->sizeHint().height()};
}

void FilterBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const bool narrow = width() < wideWidth();
    if (narrow == m_narrow)
        return;
    m_narrow = narrow;
    m_grid->removeWidget(m_controls);
    if (narrow)
        m_grid->addWidget(m_controls, 1, 0, 1, 2);
    else
        m_grid->addWidget(m_controls, 0, 1);
    updateGeometry(); // a line more or less: the window lays the board out again
}

void FilterBar::addLeadingAction(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    m_row->insertWidget(0, button);
    m_row->insertSpacing(1, 8);
}

void FilterBar::clear()
{
    setFilter({});
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    // Esc in the search field clears it (and shows every card the toggles allow).
    if (watched == m_search && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
        m_search->clear();
        m_typing->stop();
        apply();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void FilterBar::apply()
{
    if (m_applying)
        return;
    CardFilter filter = m_extra;
    filter.overdue = m_overdue->isChecked();
    filter.dueWithin24h = m_dueSoon->isChecked();
    filter.unassigned = m_unassigned->isChecked();
    filter.mine = m_mine->isChecked();
    if (m_needsReview->isChecked())
        filter.statuses.insert(storage::StatusTag::NeedsReview);
    if (m_blocked->isChecked())
        filter.statuses.insert(storage::StatusTag::Blocked);
    if (m_slaAtRisk->isChecked())
        filter.slaStates.insert(sla::stateName(sla::ClockState::AtRisk));
    if (m_slaBreached->isChecked())
        filter.slaStates.insert(sla::stateName(sla::ClockState::Breached));
    // The words, kept for describing and restoring; the matching is the full-text index's (as the CLI's --search).
    // One letter starts nearly every word: the search begins with the second (the letter stays in the field).
    const QString words = m_search->text().trimmed();
    filter.search = words.size() >= s_minSearchLength ? words : QString();
    m_searchError.clear();
    if (!filter.search.isEmpty() && m_store) {
        if (auto hits = m_store->searchIndex(filter.search)) {
            filter.searchIds = QSet<qint64>(hits->cbegin(), hits->cend());
        } else {
            filter.searchIds = QSet<qint64>();
            m_searchError = hits.error().message;
            // A colleague's save kept the file busy: searched again in a moment, never waited for here.
            if (foundBusy(hits))
                QTimer::singleShot(s_busyRetryMs, this, &FilterBar::refreshSearch);
        }
    }
    m_filter = filter;
    m_clear->setEnabled(!m_filter.isEmpty());
    m_drill->setVisible(bool(m_filter.cardIds));
    m_drill->setChecked(bool(m_filter.cardIds));
    // Long names (a period) are cut: the tooltip and the accessible name say it whole.
    m_drill->setText(
            tr("%1 ✕").arg(menuText(m_drill->fontMetrics().elidedText(m_filter.cardIdsName, Qt::ElideRight, 220))));
    m_drill->setAccessibleName(tr("From the dashboard: %1").arg(m_filter.cardIdsName));
    // (a tooltip may be taken for rich text: the names in it are people's)
    m_drill->setToolTip(tr("From the dashboard: %1. Click to show every card the other filters allow")
                                .arg(m_filter.cardIdsName.toHtmlEscaped()));
    const int extra = int(bool(m_extra.priority)) + int(!m_extra.labelIds.isEmpty()) + int(!m_extra.assignee.isEmpty())
                      + int(!m_extra.requester.isEmpty()) + int(bool(m_extra.channel))
                      + int(!m_extra.statuses.isEmpty()) + int(m_extra.escalated || !m_extra.escalatedTo.isEmpty());
    m_more->setText(extra ? tr("More filters (%1)").arg(extra) : tr("More filters"));
    if (!m_settingsGroup.isEmpty())
        m_keepLast->start();
    Q_EMIT filterChanged();
}

QString FilterBar::describe(bool drillDown) const
{
    QStringList on;
    for (QToolButton *button : toggles()) {
        if (button->isChecked())
            on << (button->accessibleName().isEmpty() ? button->text() : button->accessibleName());
    }
    // Named as the buttons, the menus and the card editor name them.
    if (m_extra.priority) {
        const QString name = priorityText(*m_extra.priority);
        on << (m_extra.priorityAtLeast ? tr("Priority: %1 or more urgent").arg(name) : tr("Priority: %1").arg(name));
    }
    if (!m_extra.labelIds.isEmpty()) {
        QStringList names;
        if (m_store) {
            if (auto labels = m_store->labels()) {
                for (const storage::Label &label : *labels) {
                    if (m_extra.labelIds.contains(label.id))
                        names << label.name;
                }
            }
        }
        if (!names.isEmpty()) {
            on << (m_extra.allLabels ? tr("Labels: %1").arg(names.join(tr(" and ")))
                                     : tr("Label: %1").arg(names.join(tr(" or "))));
        }
    }
    if (!m_extra.assignee.isEmpty())
        on << tr("Assigned to %1").arg(m_nameOf ? m_nameOf(m_extra.assignee) : m_extra.assignee);
    if (!m_extra.requester.isEmpty())
        on << tr("Requester: “%1”").arg(m_extra.requester);
    if (m_extra.channel)
        on << tr("Channel: %1").arg(channelText(*m_extra.channel));
    for (const storage::StatusTag waiting : s_waitingStatuses) {
        if (m_extra.statuses.contains(waiting))
            on << statusText(waiting);
    }
    if (m_extra.escalated)
        on << tr("Escalated");
    if (!m_extra.escalatedTo.isEmpty() && m_store) {
        QStringList names;
        if (auto targets = m_store->escalationTargets(true)) {
            for (const storage::EscalationTarget &target : *targets) {
                if (m_extra.escalatedTo.contains(target.id))
                    names << target.name;
            }
        }
        if (!names.isEmpty())
            on << tr("Escalated to %1").arg(names.join(tr(" or ")));
    }
    if (!m_filter.search.isEmpty())
        on << tr("“%1”").arg(m_filter.search);
    if (m_extra.cardIds && drillDown)
        on << tr("From the dashboard: %1").arg(m_extra.cardIdsName);
    return on.join(QStringLiteral(", "));
}

void FilterBar::setShownCount(int shown)
{
    const bool none = shown == 0 && !m_filter.isEmpty();
    if (none) {
        m_emptyText->setText(m_searchError.isEmpty() ? tr("No card matches %1.").arg(describe())
                                                     : tr("The search did not work: %1").arg(m_searchError));
    }
    m_empty->setVisible(none);
}

void FilterBar::changeMore(const std::function<void(CardFilter &)> &change)
{
    change(m_extra);
    apply();
}

void FilterBar::fillMoreMenu()
{
    QMenu *menu = m_more->menu();
    // clear() takes the actions, not the submenus made last time.
    qDeleteAll(menu->findChildren<QMenu *>(Qt::FindDirectChildrenOnly));
    menu->clear();
    // Priority: any, one exactly, or one "or more urgent".
    QMenu *priority = menu->addMenu(tr("&Priority"));
    priority->setObjectName(QStringLiteral("priorityFilterMenu"));
    auto *priorities = new QActionGroup(priority);
    QAction *anyPriority =
            priority->addAction(tr("Any"), this, [this] { changeMore([](CardFilter &f) { f.priority.reset(); }); });
    anyPriority->setCheckable(true);
    anyPriority->setChecked(!m_extra.priority);
    priorities->addAction(anyPriority);
    for (storage::Priority each : s_priorityOrder) {
        // In the colour of the cards' stripe, named as the card editor names it.
        QAction *action =
                priority->addAction(chips::swatch(theme::priority(storage::toText(each))), priorityText(each), this,
                                    [this, each] { changeMore([each](CardFilter &f) { f.priority = each; }); });
        action->setObjectName(QStringLiteral("priority-") + storage::toText(each));
        action->setCheckable(true);
        action->setChecked(m_extra.priority == each);
        priorities->addAction(action);
    }
    priority->addSeparator();
    QAction *atLeast = priority->addAction(tr("Or More Urgent"), this, [this](bool on) {
        changeMore([on](CardFilter &f) { f.priorityAtLeast = on; });
    });
    atLeast->setObjectName(QStringLiteral("priorityAtLeast"));
    atLeast->setCheckable(true);
    atLeast->setChecked(m_extra.priorityAtLeast);

    // Labels: any of those ticked, or all of them.
    QMenu *labels = menu->addMenu(tr("&Labels"));
    labels->setObjectName(QStringLiteral("labelFilterMenu"));
    if (m_store) {
        if (auto all = m_store->labels()) {
            for (const storage::Label &label : *all) {
                QAction *action = labels->addAction(chips::swatch(QColor(label.color)), menuText(label.name));
                action->setObjectName(QStringLiteral("label-%1").arg(label.id));
                action->setCheckable(true);
                action->setChecked(m_extra.labelIds.contains(label.id));
                const qint64 id = label.id;
                connect(action, &QAction::toggled, this, [this, id](bool on) {
                    changeMore([id, on](CardFilter &f) {
                        on ? void(f.labelIds.insert(id)) : void(f.labelIds.remove(id));
                    });
                });
            }
        }
    }
    labels->addSeparator();
    QAction *allLabels = labels->addAction(tr("Cards With All of Them"), this,
                                           [this](bool on) { changeMore([on](CardFilter &f) { f.allLabels = on; }); });
    allLabels->setObjectName(QStringLiteral("allLabels"));
    allLabels->setCheckable(true);
    allLabels->setChecked(m_extra.allLabels);

    // Assignee: anyone, or one member.
    QMenu *assignee = menu->addMenu(tr("&Assignee"));
    assignee->setObjectName(QStringLiteral("assigneeFilterMenu"));
    auto *assignees = new QActionGroup(assignee);
    QAction *anyone =
            assignee->addAction(tr("Anyone"), this, [this] { changeMore([](CardFilter &f) { f.assignee.clear(); }); });
    anyone->setCheckable(true);
    anyone->setChecked(m_extra.assignee.isEmpty());
    assignees->addAction(anyone);
    if (m_store) {
        if (auto members = m_store->members()) {
            for (const storage::Member &member : *members) {
                if (member.role == storage::Role::Viewer)
                    continue;
                QAction *action = assignee->addAction(
                        menuText(member.displayName.isEmpty() ? member.login : member.displayName), this,
                        [this, login = member.login] { changeMore([login](CardFilter &f) { f.assignee = login; }); });
                action->setObjectName(QStringLiteral("assignee-") + member.login);
                action->setCheckable(true);
                action->setChecked(m_extra.assignee.compare(member.login, Qt::CaseInsensitive) == 0);
                assignees->addAction(action);
            }
        }
    }

    // Channel: any, or one (including "not recorded").
    QMenu *channel = menu->addMenu(tr("&Channel"));
    channel->setObjectName(QStringLiteral("channelFilterMenu"));
    auto *channels = new QActionGroup(channel);
    QAction *anyChannel =
            channel->addAction(tr("Any"), this, [this] { changeMore([](CardFilter &f) { f.channel.reset(); }); });
    anyChannel->setCheckable(true);
    anyChannel->setChecked(!m_extra.channel);
    channels->addAction(anyChannel);
    for (storage::Channel each :
         {storage::Channel::Email, storage::Channel::Phone, storage::Channel::Chat, storage::Channel::WalkIn,
          storage::Channel::Portal, storage::Channel::Monitoring, storage::Channel::None}) {
        QAction *action = channel->addAction(channelText(each), this,
                                             [this, each] { changeMore([each](CardFilter &f) { f.channel = each; }); });
        action->setObjectName(QStringLiteral("channel-")
                              + (each == storage::Channel::None ? QStringLiteral("none") : storage::toText(each)));
        action->setCheckable(true);
        action->setChecked(m_extra.channel == each);
        channels->addAction(action);
    }

    // Waiting: on the requester, on a vendor, or both (with the toggles' statuses, any of them matches).
    QMenu *waiting = menu->addMenu(tr("&Waiting"));
    waiting->setObjectName(QStringLiteral("waitingFilterMenu"));
    for (const storage::StatusTag each : s_waitingStatuses) {
        QAction *action = waiting->addAction(statusText(each), this, [this, each](bool on) {
            changeMore([each, on](CardFilter &f) {
                if (on)
                    f.statuses.insert(each);
                else
                    f.statuses.remove(each);
            });
        });
        action->setObjectName(QStringLiteral("status-") + storage::toText(each));
        action->setCheckable(true);
        action->setChecked(m_extra.statuses.contains(each));
    }

    // Escalated: to anyone, or to one of the targets ticked.
    QMenu *escalated = menu->addMenu(tr("&Escalated"));
    escalated->setObjectName(QStringLiteral("escalatedFilterMenu"));
    QAction *toAnyone = escalated->addAction(
            tr("To Anyone"), this, [this](bool on) { changeMore([on](CardFilter &f) { f.escalated = on; }); });
    toAnyone->setObjectName(QStringLiteral("escalatedToAnyone"));
    toAnyone->setCheckable(true);
    toAnyone->setChecked(m_extra.escalated);
    escalated->addSeparator();
    if (m_store) {
        if (auto targets = m_store->escalationTargets()) {
            for (const storage::EscalationTarget &target : *targets) {
                QAction *action = escalated->addAction(tr("To %1").arg(menuText(target.name)), this,
                                                       [this, id = target.id](bool on) {
                                                           changeMore([id, on](CardFilter &f) {
                                                               if (on)
                                                                   f.escalatedTo.insert(id);
                                                               else
                                                                   f.escalatedTo.remove(id);
                                                           });
                                                       });
                action->setObjectName(QStringLiteral("escalatedTo-%1").arg(target.id));
                action->setCheckable(true);
                action->setChecked(m_extra.escalatedTo.contains(target.id));
            }
        }
    }

    menu->addAction(m_extra.requester.isEmpty() ? tr("&Requester…")
                                                : tr("&Requester: %1…").arg(menuText(m_extra.requester)),
                    this, &FilterBar::askRequester)
            ->setObjectName(QStringLiteral("requesterFilter"));
}

void FilterBar::askRequester()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("requesterFilterDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Filter by requester"));
    dialog->setLabelText(tr("Cards whose requester contains (empty: anyone):"));
    dialog->setTextValue(m_extra.requester);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        changeMore([text = text.trimmed()](CardFilter &f) { f.requester = text; });
    });
    dialog->open();
}

void FilterBar::fillSavedMenu()
{
    QMenu *menu = m_saved->menu();
    qDeleteAll(menu->findChildren<QMenu *>(Qt::FindDirectChildrenOnly));
    menu->clear();
    const QStringList names = savedFilters();
    for (const QString &name : names) {
        QAction *use = menu->addAction(menuText(name), this, [this, name] { useSavedFilter(name); });
        use->setObjectName(QStringLiteral("useSavedFilter"));
        use->setData(name);
    }
    if (names.isEmpty())
        menu->addAction(tr("No saved filters yet"))->setEnabled(false);
    menu->addSeparator();
    QAction *save = menu->addAction(tr("Save This Filter…"), this, &FilterBar::askSaveName);
    save->setObjectName(QStringLiteral("saveFilter"));
    save->setEnabled(!m_filter.isEmpty() && !m_settingsGroup.isEmpty());
    QMenu *remove = menu->addMenu(tr("Delete"));
    remove->setObjectName(QStringLiteral("deleteSavedFilterMenu"));
    remove->setEnabled(!names.isEmpty());
    for (const QString &name : names)
        remove->addAction(menuText(name), this, [this, name] { deleteSavedFilter(name); });
}

void FilterBar::askSaveName()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("saveFilterDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save filter"));
    dialog->setLabelText(tr("Name (an existing one is replaced):"));
    dialog->setComboBoxItems(savedFilters());
    dialog->setComboBoxEditable(true);
    dialog->setTextValue(describe().left(60));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &name) {
        if (!name.trimmed().isEmpty())
            saveFilter(name.trimmed());
    });
    dialog->open();
}

QStringList FilterBar::savedFilters() const
{
    if (m_settingsGroup.isEmpty())
        return {};
    QStringList names = QSettings().value(m_settingsGroup + QStringLiteral("/saved")).toMap().keys();
    std::sort(names.begin(), names.end(),
              [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
    return names;
}

void FilterBar::saveFilter(const QString &name)
{
    if (m_settingsGroup.isEmpty() || name.isEmpty())
        return;
    QSettings settings;
    QVariantMap saved = settings.value(m_settingsGroup + QStringLiteral("/saved")).toMap();
    saved.insert(name, m_filter.toMap());
    settings.setValue(m_settingsGroup + QStringLiteral("/saved"), saved);
}

bool FilterBar::useSavedFilter(const QString &name)
{
    const QVariantMap saved = QSettings().value(m_settingsGroup + QStringLiteral("/saved")).toMap();
    if (m_settingsGroup.isEmpty() || !saved.contains(name))
        return false;
    setFilter(withoutMissingLabels(CardFilter::fromMap(saved.value(name).toMap())));
    return true;
}

void FilterBar::deleteSavedFilter(const QString &name)
{
    if (m_settingsGroup.isEmpty())
        return;
    QSettings settings;
    QVariantMap saved = settings.value(m_settingsGroup + QStringLiteral("/saved")).toMap();
    saved.remove(name);
    settings.setValue(m_settingsGroup + QStringLiteral("/saved"), saved);
}

} // namespace hb::board

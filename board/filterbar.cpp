// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterbar.h"

#include <storage/boardstore.h>

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace hb::board {

namespace {

// Long enough not to search for every letter of a word typed fast, short enough to feel like "as you type".
constexpr int s_typingPauseMs = 120;

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_typing(new QTimer(this))
{
    setObjectName(QStringLiteral("filterBar"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(10, 8, 10, 0);
    outer->setSpacing(6);
    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search cards, comments and checklists (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaxLength(200);
    m_search->setMinimumWidth(260);
    m_search->setAccessibleName(tr("Search"));
    m_search->installEventFilter(this);
    row->addWidget(m_search, 2);
    m_typing->setSingleShot(true);
    m_typing->setInterval(s_typingPauseMs);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_typing, &QTimer::timeout, this, &FilterBar::apply);

    m_overdue = toggle(QStringLiteral("overdueFilter"), tr("Overdue"), tr("Due date passed, not resolved"));
    m_dueSoon = toggle(QStringLiteral("dueSoonFilter"), tr("Due in 24 h"), tr("Due within the next 24 hours"));
    m_unassigned = toggle(QStringLiteral("unassignedFilter"), tr("Unassigned"), tr("Nobody is assigned"));
    m_mine = toggle(QStringLiteral("mineFilter"), tr("Mine"), tr("Assigned to me"));
    m_needsReview = toggle(QStringLiteral("needsReviewFilter"), tr("Needs review"), tr("Tagged as needing review"));
    m_blocked = toggle(QStringLiteral("blockedFilter"), tr("Blocked"), tr("Tagged as blocked"));
    for (QToolButton *button : {m_overdue, m_dueSoon, m_unassigned, m_mine, m_needsReview, m_blocked})
        row->addWidget(button);
    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("clearFilters"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show every card again"));
    m_clear->setAutoRaise(true);
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    row->addWidget(m_clear);
    row->addStretch(1);
    outer->addLayout(row);

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

FilterBar::~FilterBar() = default;

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

void FilterBar::setStore(storage::BoardStore *store)
{
    m_store = store;
    m_search->setEnabled(store != nullptr);
    apply();
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
    m_search->setText(filter.search);
    m_applying = false;
    m_typing->stop();
    apply();
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
    CardFilter filter;
    filter.overdue = m_overdue->isChecked();
    filter.dueWithin24h = m_dueSoon->isChecked();
    filter.unassigned = m_unassigned->isChecked();
    filter.mine = m_mine->isChecked();
    if (m_needsReview->isChecked())
        filter.statuses.insert(storage::StatusTag::NeedsReview);
    if (m_blocked->isChecked())
        filter.statuses.insert(storage::StatusTag::Blocked);
    // The words, kept for describing and restoring; the matching is the full-text index's (as the CLI's --search).
    filter.search = m_search->text().trimmed();
    m_searchError.clear();
    if (!filter.search.isEmpty() && m_store) {
        if (auto hits = m_store->search(filter.search)) {
            filter.searchIds = QSet<qint64>(hits->cbegin(), hits->cend());
        } else {
            filter.searchIds = QSet<qint64>();
            m_searchError = hits.error().message;
        }
    }
    m_filter = filter;
    m_clear->setVisible(!m_filter.isEmpty());
    Q_EMIT filterChanged();
}

QString FilterBar::describe() const
{
    QStringList on;
    for (QToolButton *button : {m_overdue, m_dueSoon, m_unassigned, m_mine, m_needsReview, m_blocked}) {
        if (button->isChecked())
            on << button->text();
    }
    if (!m_filter.search.isEmpty())
        on << tr("“%1”").arg(m_filter.search);
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

} // namespace hb::board

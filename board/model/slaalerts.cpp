// SPDX-License-Identifier: GPL-3.0-or-later
#include "slaalerts.h"

#include <algorithm>

namespace hb::board {

namespace {

bool alarming(sla::ClockState state)
{
    return state == sla::ClockState::AtRisk || state == sla::ClockState::Breached;
}

} // namespace

SlaAlerts::SlaAlerts(QObject *parent)
    : QObject(parent)
{ }

SlaAlerts::~SlaAlerts() = default;

SlaAlerts::Scope SlaAlerts::scopeFromName(const QString &name)
{
    if (name == u"off")
        return Scope::Off;
    if (name == u"all")
        return Scope::All;
    return Scope::Mine;
}

QString SlaAlerts::scopeName(Scope scope)
{
    switch (scope) {
    case Scope::Off:
        return QStringLiteral("off");
    case Scope::All:
        return QStringLiteral("all");
    case Scope::Mine:
        break;
    }
    return QStringLiteral("mine");
}

void SlaAlerts::reset()
{
    m_started = false;
    m_states.clear();
    m_said.clear();
}

void SlaAlerts::clocksRead(const QHash<qint64, sla::Clocks> &clocks, bool all,
                           const std::function<bool(qint64, QString *, bool *)> &card)
{
    // A read of no clocks at all (service levels that cannot be used) says nothing about the cards: once the levels
    // are fixed, what the cards then show is not news.
    if (all && clocks.isEmpty())
        return;
    QList<Ticket> news;
    for (auto each = clocks.cbegin(); each != clocks.cend(); ++each) {
        const sla::ClockState state = each.value().current().state;
        QString title;
        bool mine = false;
        // A card not on the board yet (its clocks read before the card itself) is judged once it is.
        if (!card(each.key(), &title, &mine))
            continue;
        const auto before = m_states.constFind(each.key());
        const bool changed = before == m_states.cend() || *before != state;
        m_states.insert(each.key(), state);
        // What the board showed at its first read is where it starts, not news: then or when a card comes back to it
        // (at risk when opened, breached, at risk again). After that, each card and state once.
        if (!m_started) {
            if (alarming(state))
                m_said.insert({each.key(), int(state)});
            continue;
        }
        if (!changed || !alarming(state) || m_said.contains({each.key(), int(state)}))
            continue;
        m_said.insert({each.key(), int(state)});
        if (m_scope == Scope::All || (m_scope == Scope::Mine && mine))
            news.append({each.key(), title, state});
    }
    if (all) {
        // Cards gone from the board are no longer followed.
        for (auto it = m_states.begin(); it != m_states.end();) {
            if (clocks.contains(it.key()))
                ++it;
            else
                it = m_states.erase(it);
        }
        m_started = true;
    }
    if (news.isEmpty())
        return;
    std::sort(news.begin(), news.end(), [](const Ticket &a, const Ticket &b) { return a.cardId < b.cardId; });
    Q_EMIT alerted(news);
}

QString SlaAlerts::titleOf(const QList<Ticket> &tickets)
{
    if (tickets.size() > s_mostSaidOneByOne)
        return tr("%1 tickets need attention").arg(tickets.size());
    const bool breached = std::any_of(tickets.cbegin(), tickets.cend(),
                                      [](const Ticket &ticket) { return ticket.state == sla::ClockState::Breached; });
    return breached ? tr("Service level breached") : tr("Service level at risk");
}

QString SlaAlerts::textOf(const QList<Ticket> &tickets)
{
    const auto count = [&tickets](sla::ClockState state) {
        return int(std::count_if(tickets.cbegin(), tickets.cend(),
                                 [state](const Ticket &ticket) { return ticket.state == state; }));
    };
    if (tickets.size() > s_mostSaidOneByOne) {
        QStringList parts;
        if (const int breached = count(sla::ClockState::Breached))
            parts << tr("%1 breached").arg(breached);
        if (const int atRisk = count(sla::ClockState::AtRisk))
            parts << tr("%1 at risk").arg(atRisk);
        return parts.join(QStringLiteral(", "));
    }
    QStringList lines;
    for (const Ticket &ticket : tickets)
        lines << (ticket.state == sla::ClockState::Breached ? tr("“%1” is breached") : tr("“%1” is at risk"))
                         .arg(ticket.title);
    return lines.join(u'\n');
}

} // namespace hb::board

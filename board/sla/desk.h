// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calendar.h"
#include "clock.h"
#include "estimate.h"
#include "policy.h"

#include <storage/records.h>
#include <storage/result.h>

#include <QSet>

#include <memory>
#include <vector>

namespace hb::storage {
class BoardStore;
}

namespace hb::board::sla {

/**
 * A board's service levels ready to give its cards their clocks: the policy and the calendar read from the file
 * (storage::ServiceLevels), which columns are done ones, and the working time kept from card to card. Keeps no hold
 * on the store it was read from.
 *
 * A ticket resolved before the service levels changed keeps the result it had: its clocks are worked out with the
 * levels that were in force when it was resolved (each change's event holds the levels it replaced; the order of
 * events, not the writers' clocks, says what came first). Open tickets, and one reopened since, follow the levels
 * in force now.
 */
class Desk
{
public:
    /// An error when the file cannot be read, or holds service levels that cannot be used (said why).
    static storage::Result<std::unique_ptr<Desk>> read(storage::BoardStore &store);

    /// @p card's clocks at @p now, from its @p history (BoardStore::cardHistory(), or clockHistories()).
    Clocks clocksOf(const storage::Card &card, const QList<storage::Event> &history, qint64 now);
    /// The same, its history read from @p store.
    storage::Result<Clocks> clocksOf(storage::BoardStore &store, const storage::Card &card, qint64 now);
    /// The clocks of @p cards (as read from @p store) by card id, their histories in one read
    /// (BoardStore::clockHistories(), archived cards' too when any of @p cards is archived).
    storage::Result<QHash<qint64, Clocks>> clocksOf(storage::BoardStore &store, const QList<storage::Card> &cards,
                                                    qint64 now);
    /**
     * The tickets resolved in the last Estimate::s_windowDays before @p now, archived ones too (resolved as the
     * desk counts it: their resolution clock met or missed), for estimateOf(). The same list in the window and the
     * CLI, so they give the same estimate.
     */
    storage::Result<QList<Resolved>> resolvedRecently(storage::BoardStore &store, qint64 now);
    const Policy &policy() const { return m_policy; }
    const Calendar &calendar() const { return m_calendar; }

private:
    /// Service levels that were in force until the change at seq @c until.
    struct Era
    {
        qint64 until; ///< the change's seq
        qint64 at;    ///< and time, for a ticket whose history does not say which event resolved it
        Policy policy;
        Calendar calendar;
        std::unique_ptr<WorkingTime> business;
    };

    Desk(Policy policy, Calendar calendar, QSet<qint64> doneColumns);

    std::vector<Era> m_eras; ///< oldest first
    Policy m_policy;
    Calendar m_calendar;
    WorkingTime m_business;
    QSet<qint64> m_doneColumns;
};

} // namespace hb::board::sla

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"
#include "policy.h"

#include <storage/records.h>

#include <QList>

#include <functional>

namespace hb::board::sla {

/**
 * What the clocks of @p card are computed from, read from its history (BoardStore::cardHistory(), oldest first):
 * its priority, its status (paused when @p policy pauses on it) and whether its column is a done one (@p isDone),
 * as it was created and after each change of them. A history cut short (a card imported without one) starts from
 * what the card is now.
 */
Ticket ticketOf(const storage::Card &card, const QList<storage::Event> &history, const Policy &policy,
                const std::function<bool(qint64 columnId)> &isDone);

} // namespace hb::board::sla

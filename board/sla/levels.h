// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calendar.h"
#include "policy.h"

#include <storage/result.h>

#include <QByteArray>

#include <optional>

namespace hb::board::sla {

/**
 * The policy and the calendar as the board file keeps them (storage::ServiceLevels), compact JSON objects:
 *
 *     policy:   {"targets": {"critical": {"response_min": 30, "resolution_min": 240, "all_day": true}, ...},
 *                "pausing": ["waiting-requester", "waiting-vendor"]}
 *     calendar: {"time_zone": "Europe/Madrid",
 *                "week": {"mon": [{"start": "09:00", "minutes": 480}], ..., "sun": []},
 *                "holidays": [{"date": "2026-12-25", "yearly": true, "name": "Christmas"}]}
 *
 * A key that is not there takes its default (Policy::defaults(), office hours, no holidays; UTC without a time
 * zone), so a board made before a key existed reads as it did. A value of the wrong kind is refused with what and
 * where, never guessed at. What the values mean together is checked by problem().
 */
QByteArray policyToJson(const Policy &policy);
QByteArray calendarToJson(const Calendar &calendar);
storage::Result<Policy> policyFromJson(const QByteArray &json);
storage::Result<Calendar> calendarFromJson(const QByteArray &json);

/// Service levels as a file holds them for `helpboard-cli levels --set`: either part may be left out (kept as it is).
struct LevelsFile
{
    std::optional<Policy> policy;
    std::optional<Calendar> calendar;
};
/**
 * {"policy": {...}, "calendar": {...}}, each as above; what `levels --json` prints reads back (its "version",
 * "updated_at" and "updated_by" are left aside). Any other key is refused (a misspelt part is never ignored), and so
 * is levels that cannot be used together (problem()): @p current fills in a part left out for that check.
 */
storage::Result<LevelsFile> levelsFromJson(const QByteArray &json, const Policy &currentPolicy,
                                           const Calendar &currentCalendar);

} // namespace hb::board::sla

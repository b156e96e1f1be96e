// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calendar.h"
#include "policy.h"

#include <storage/result.h>

#include <QByteArray>

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

} // namespace hb::board::sla

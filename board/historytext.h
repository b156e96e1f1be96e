// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QString>

namespace hb::board {

/**
 * One line of a card's history, for people: what was done, from the event's kind and payload ("moved it from To-do
 * to Doing", "changed the priority from normal to high", "ticked “Test”"), without who and when. Plain text.
 */
QString describeEvent(const storage::Event &event);

} // namespace hb::board

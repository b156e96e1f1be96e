// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QString>

#include <functional>

namespace hb::board {

/**
 * One line of a card's history, for people: what was done, from the event's kind and payload ("moved it from To-do
 * to Doing", "changed the priority from Normal to High", "ticked “Test”"), without who and when. Plain text.
 * People it names (an assignee) are named by @p nameOf, as the rest of the window names them; by login without it.
 */
QString describeEvent(const storage::Event &event, const std::function<QString(const QString &login)> &nameOf = {});

} // namespace hb::board

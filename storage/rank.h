// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/**
 * Sortable string ranks for ordering cards, columns and checklist items.
 *
 * A rank is an "integer part" whose first character encodes its length, followed by an optional fraction,
 * over the digits 0-9A-Za-z; plain byte comparison (SQLite's BINARY collation) orders them. Moving an item
 * writes only that item's rank, and appending n items keeps ranks O(log n) long.
 */
namespace hb::storage::rank {

/// The first rank on an empty list.
QString initial();

/// A rank strictly between @p before and @p after; an empty string means "no bound" on that side.
/// Returns an empty string if before >= after or either is not a valid rank.
QString between(const QString &before, const QString &after);

bool isValid(const QString &rank);

} // namespace hb::storage::rank

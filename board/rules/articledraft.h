// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QList>

namespace hb::board {

/**
 * "Write an article from this card": an article pre-filled from a solved ticket for its author to edit: the card's
 * title, its description as what happened, its checklist as the steps (in order, ticked or not), its last comments
 * as notes (at most @p maxComments, oldest first), and its labels. Text is kept as people wrote it (Markdown); the
 * body stays within an article's length.
 */
storage::Article articleFromCard(const storage::Card &card, const QList<storage::ChecklistItem> &checklist,
                                 const QList<storage::Comment> &comments, int maxComments = 3);

} // namespace hb::board

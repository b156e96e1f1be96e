// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

namespace hb::storage {

class BoardStore;

/// How big a generated board is. The defaults are the size DESIGN.md's performance budget is stated for.
struct GeneratedBoardSize
{
    int cards = 10'000;
    int checklistItems = 50'000;
    int comments = 30'000;
    int labels = 20;
    int members = 15;
    int columns = 6;
    quint32 seed = 20261201; ///< the same seed makes the same board
};

/// What a generation made, counted as it went.
struct GeneratedBoardCounts
{
    int cards = 0;
    int checklistItems = 0;
    int comments = 0;
    int labels = 0;
    int members = 0;
    int columns = 0;
    int largestColumn = 0; ///< cards in the column with the most
};

/**
 * Fills a new board (made by BoardStore::create) with @p size worth of help-desk tickets of realistic text lengths,
 * the same for the same seed: for tests, the benchmark, and anyone who wants to see a big board. Everything goes
 * through BoardStore in one transaction: the cards by BoardStore::importCards, a thousand at a time, made by the
 * generated members with times spread over the last 90 days and a history of their checklists and comments. The last
 * column, a "Done" one, gets the most cards (a long column to scroll).
 */
Status populateGeneratedBoard(BoardStore &store, const GeneratedBoardSize &size, GeneratedBoardCounts *counts);

} // namespace hb::storage

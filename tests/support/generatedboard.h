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

/// How much history a generated help desk has. The defaults: a year of a busy desk's tickets.
struct GeneratedHistorySize
{
    int tickets = 10'000;
    int days = 365; ///< the tickets are made over this many days, up to now
    int technicians = 8;
    quint32 seed = 20261207; ///< the same seed makes the same board (at the same "now")
};

/// What a history generation made, counted as it went.
struct GeneratedHistoryCounts
{
    int tickets = 0;
    int resolved = 0;   ///< in a Done-kind column at the end
    int archived = 0;   ///< of them, archived (resolved over two weeks before now)
    int reopened = 0;   ///< moved out of Done after a resolution
    int escalated = 0;  ///< handed to the second line or a vendor, and taken back
    int reassigned = 0; ///< given to another technician
    int waited = 0;     ///< waited on the requester for a while
    int ticked = 0;     ///< ticked "resolved at first contact"
    int comments = 0;
    int moves = 0;
};

/**
 * Fills a new board (made by BoardStore::create) with @p size worth of a help desk's past: tickets made over the last
 * days by email, phone, chat, walk-in, the portal and monitoring, each lived through the store's own operations at the
 * times they happened (a clock of the store's set to each): assigned, answered by a move to Doing, commented on, some
 * waiting on the requester, escalated and taken back, reassigned, resolved, some reopened and resolved again, ticked
 * "resolved at first contact", and archived two weeks after their resolution. What would happen after now does not:
 * the newest tickets are the open backlog. One transaction (BoardStore::inOneTransaction); for the metrics' tests and
 * the benchmark.
 */
Status populateGeneratedHistory(BoardStore &store, const GeneratedHistorySize &size, GeneratedHistoryCounts *counts);

/**
 * Adds @p count knowledge-base articles to a board, the same for the same @p seed, in one transaction: titles like
 * the generated tickets' (a thing and its problem), a few paragraphs of help-desk text, and one or two of the board's
 * labels. For the benchmark's suggestion and search figures.
 */
Status populateGeneratedArticles(BoardStore &store, int count, quint32 seed = 19);

} // namespace hb::storage

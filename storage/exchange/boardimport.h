// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importplan.h"

#include <storage/result.h>

namespace hb::storage {

class BoardStore;

/// Puts what an import file holds (an ImportPlan) into a board.
namespace boardimport {

struct Options
{
    ReimportMode reimport = ReimportMode::Skip;
    /// Work everything out and check it, write nothing: what the summary says is what an import would do now.
    bool dryRun = false;
    /// Hears how many of the plan's cards are in; false cancels, and nothing is written.
    ProgressCallback progress;
};

/**
 * Brings @p plan into @p store in one transaction: all of it or nothing (a cancel, a refused card, a full disk).
 * Columns, labels and people are matched by name (case aside) and made when the board lacks them (columns and
 * members by an admin only: an editor is told who or what is missing). A card whose source id an earlier import of
  * the same source brought in is not made again: it is left, or with ReimportMode::Update brought up to what the
 * source says now, when the source changed it since: the fields, column and labels the source changed since the
 * last import (a colleague's edit of a field the source left alone stays).
 */
Result<ImportSummary> apply(BoardStore &store, const ImportPlan &plan, const Options &options = {});

/// True when @p error is apply()'s after a cancel (the import rolled back; nothing else went wrong).
bool isCancellation(const Error &error);

/// A digest of what @p card says, to tell at the next import whether the source changed it.
QString fingerprint(const ImportPlan &plan, const ImportPlan::Card &card);

} // namespace boardimport
} // namespace hb::storage

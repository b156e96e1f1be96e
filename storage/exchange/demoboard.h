// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QString>

namespace hb::storage {

class BoardStore;

/**
 * Fills a new board with the demo help-desk content described by `demo-board.json` in @p contentDir (by default the
 * compiled-in resources at ":/demo"). Times in the content are relative to now, so overdue cards stay overdue.
 * Everything goes through BoardStore, as the members named in the content, so history and metrics look real.
 */
Status populateDemoBoard(BoardStore &store, const QString &contentDir = QStringLiteral(":/demo"));

} // namespace hb::storage

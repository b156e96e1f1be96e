// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hb::storage {

/**
 * How many characters people see in @p text: grapheme clusters (QTextBoundaryFinder), so an emoji, a flag or a
 * letter with its accents is one, whatever the number of UTF-16 code units behind it. Every length limit on board
 * text counts this way, in the store and in the editors alike.
 */
qsizetype characterCount(QStringView text);

/// Where the first @p count characters of @p text end (a UTF-16 index), as characterCount() counts them.
qsizetype characterEnd(QStringView text, qsizetype count);

} // namespace hb::storage

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hb::app {

/// Whether a line break in the text is shown as one (a description, a comment) or escaped (a title in a table).
enum class LineBreaks { Escape, Keep };

/**
 * Board text made safe to print on a terminal: control characters (C0, DEL, C1) are shown as `\x1b`, and the
 * characters that reorder or hide text (bidirectional controls such as U+202E, U+200E/F, line and paragraph
 * separators) as `\u202e`, so a title cannot move the cursor, retitle the window or disguise itself.
 * JSON output needs none of this: it is for programs, and JSON escapes control characters itself.
 */
QString terminalText(const QString &text, LineBreaks lineBreaks = LineBreaks::Escape);

} // namespace hb::app

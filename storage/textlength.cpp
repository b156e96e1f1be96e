// SPDX-License-Identifier: GPL-3.0-or-later
#include "textlength.h"

#include <QTextBoundaryFinder>

namespace hb::storage {

qsizetype characterCount(QStringView text)
{
    // Plain ASCII (nearly every text) has one character per code unit; no need to walk the boundaries.
    if (std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; }))
        return text.size();
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text.data(), text.size());
    qsizetype count = 0;
    while (finder.toNextBoundary() >= 0)
        ++count;
    return count;
}

} // namespace hb::storage

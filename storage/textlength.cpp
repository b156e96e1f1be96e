// SPDX-License-Identifier: GPL-3.0-or-later
#include "textlength.h"

#include <QTextBoundaryFinder>

namespace hb::storage {

namespace {

/// Plain ASCII (nearly every text) has one character per code unit; no need to walk the boundaries.
bool isPlain(QStringView text)
{
    // A line feed is a character of its own unless a carriage return comes first (CR LF is one).
    return std::all_of(text.cbegin(), text.cend(),
                       [](QChar c) { return (c.unicode() >= 0x20 && c.unicode() < 0x7f) || c == u'\n' || c == u'\t'; });
}

} // namespace

qsizetype characterCount(QStringView text)
{
    if (isPlain(text))
        return text.size();
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text.data(), text.size());
    qsizetype count = 0;
    while (finder.toNextBoundary() >= 0)
        ++count;
    return count;
}

qsizetype characterEnd(QStringView text, qsizetype count)
{
    if (count >= text.size())
        return text.size();
    if (isPlain(text.first(count + 1)))
        return count;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text.data(), text.size());
    qsizetype end = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const qsizetype next = finder.toNextBoundary();
        if (next < 0)
            break;
        end = next;
    }
    return end;
}

} // namespace hb::storage

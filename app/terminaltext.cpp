// SPDX-License-Identifier: GPL-3.0-or-later
#include "terminaltext.h"

namespace hb::app {

namespace {

bool isHidingOrReordering(char16_t c)
{
    return c == 0x061c                     // Arabic letter mark
           || c == 0x200e || c == 0x200f   // left-to-right and right-to-left marks
           || (c >= 0x202a && c <= 0x202e) // embeddings and overrides
           || (c >= 0x2066 && c <= 0x2069) // isolates
           || c == 0x2028 || c == 0x2029;  // line and paragraph separators
}

} // namespace

QString terminalText(const QString &text, LineBreaks lineBreaks)
{
    const auto needsEscape = [lineBreaks](char16_t c) {
        if (c == u'\n')
            return lineBreaks == LineBreaks::Escape;
        if (c == u'\t')
            return lineBreaks == LineBreaks::Escape;
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || isHidingOrReordering(c);
    };
    // Nearly every text has nothing to escape: return it as it is, without copying.
    if (std::none_of(text.cbegin(), text.cend(), [&](QChar c) { return needsEscape(c.unicode()); }))
        return text;
    QString shown;
    shown.reserve(text.size() + 16);
    for (const QChar c : text) {
        const char16_t code = c.unicode();
        if (!needsEscape(code))
            shown += c;
        else if (code <= 0x7f)
            shown += QStringLiteral("\\x%1").arg(int(code), 2, 16, QLatin1Char('0'));
        else
            shown += QStringLiteral("\\u%1").arg(int(code), 4, 16, QLatin1Char('0'));
    }
    return shown;
}

} // namespace hb::app

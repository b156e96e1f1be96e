// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hb::board {

/// People's text as the text of a menu entry or button: "&" is a character there, not a shortcut marker.
inline QString menuText(QString text)
{
    return text.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

} // namespace hb::board

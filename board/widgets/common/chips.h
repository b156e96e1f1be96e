// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QRect>
#include <QString>

class QPainter;

/// Drawing shared by the card delegate and the card editor: pills ("chips") and their fonts (colours: theme.h).
namespace hb::board::chips {

/// The small font of chips and card footers: 85 % of @p base.
QFont smallFont(const QFont &base);
/// A pill: a rounded rectangle with @p text centred, filled with @p color or outlined in it.
void drawPill(QPainter *painter, const QRect &rect, const QString &text, const QColor &color, bool filled);
/// The width of a pill holding @p text in @p font.
int pillWidth(const QFont &font, const QString &text);
/// A small square of @p color, for menu entries that stand for a colour (labels, priorities).
QIcon swatch(const QColor &color);

} // namespace hb::board::chips

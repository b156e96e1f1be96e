// SPDX-License-Identifier: GPL-3.0-or-later
#include "chips.h"
#include "theme.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPixmap>

namespace hb::board::chips {

namespace {

constexpr int s_pillPadding = 12; // left and right together

} // namespace

QFont smallFont(const QFont &base)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * 0.85);
    else
        font.setPixelSize(std::max(8, int(base.pixelSize() * 0.85)));
    return font;
}

void drawPill(QPainter *painter, const QRect &rect, const QString &text, const QColor &color, bool filled)
{
    painter->setPen(filled ? Qt::NoPen : QPen(color, 1));
    painter->setBrush(filled ? QBrush(color) : QBrush(Qt::NoBrush));
    painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), rect.height() / 2.0, rect.height() / 2.0);
    painter->setPen(filled ? theme::textOn(color) : color);
    painter->drawText(rect, Qt::AlignCenter, text);
}

int pillWidth(const QFont &font, const QString &text)
{
    return QFontMetrics(font).horizontalAdvance(text) + s_pillPadding;
}

QIcon swatch(const QColor &color)
{
    QPixmap square(12, 12);
    square.fill(color);
    return QIcon(square);
}

} // namespace hb::board::chips

// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include <QHashFunctions>
#include <QPalette>

#include <iterator>

namespace hb::board::theme {

namespace {

const QColor s_red(0xc0, 0x39, 0x2b);
const QColor s_orange(0xe6, 0x7e, 0x22);
const QColor s_green(0x16, 0xa0, 0x85);
const QColor s_purple(0x8e, 0x44, 0xad);
const QColor s_blue(0x29, 0x80, 0xb9);

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor fill(Mark mark)
{
    switch (mark) {
    case Mark::Danger:
        return s_red;
    case Mark::Warning:
        return s_orange;
    case Mark::Changed:
        return s_green;
    case Mark::Review:
        return s_purple;
    case Mark::Info:
        break;
    }
    return s_blue;
}

QColor onBase(Mark mark, const QPalette &palette)
{
    if (!isDark(palette))
        return fill(mark);
    // How much lighter each needs to read as well on a dark base as on a light one.
    return fill(mark).lighter(mark == Mark::Changed ? 140 : mark == Mark::Danger ? 150 : 160);
}

QColor priority(const QString &priority)
{
    if (priority == u"critical")
        return fill(Mark::Danger);
    if (priority == u"high")
        return fill(Mark::Warning);
    if (priority == u"low")
        return QColor(0x95, 0xa5, 0xa6);
    return QColor(0x34, 0x98, 0xdb);
}

QColor status(const QString &status)
{
    if (status == u"blocked")
        return fill(Mark::Danger);
    if (status == u"needs-review")
        return fill(Mark::Review);
    if (status.startsWith(u"waiting-"))
        return QColor(0x7f, 0x8c, 0x8d); // grey: the ticket waits on someone outside the team
    return fill(Mark::Info);
}

QColor escalation(const QString &kind)
{
    // A vendor is outside the team (purple, as the grey of waiting on them is too faint for a chip); the second line
    // is the team's own.
    return kind == u"vendor" ? s_purple : s_blue;
}

QColor avatar(const QString &login)
{
    static const QColor s_colors[] = {
            s_green, QColor(0x27, 0x80, 0xb9), s_purple, QColor(0xd3, 0x54, 0x00), QColor(0x7f, 0x8c, 0x8d), s_red};
    return s_colors[qHash(login) % std::size(s_colors)];
}

QColor bannerBackground()
{
    return QColor(0xfd, 0xf0, 0xc8);
}

QColor bannerText()
{
    return QColor(0x4a, 0x3b, 0x00);
}

QColor textOn(const QColor &background)
{
    const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace hb::board::theme

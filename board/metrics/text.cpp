// SPDX-License-Identifier: GPL-3.0-or-later
#include "text.h"

#include <QCoreApplication>

namespace hb::board::metrics {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::metrics", text);
}

} // namespace

QString durationText(const std::optional<qint64> &ms)
{
    if (!ms)
        return tr("no data");
    const qint64 minutes = (*ms + 30'000) / 60'000;
    if (minutes < 60)
        return tr("%1m").arg(minutes);
    if (minutes < 48 * 60)
        return minutes % 60 ? tr("%1h %2m").arg(minutes / 60).arg(minutes % 60) : tr("%1h").arg(minutes / 60);
    const qint64 days = minutes / (24 * 60);
    return minutes / 60 % 24 ? tr("%1d %2h").arg(days).arg(minutes / 60 % 24) : tr("%1d").arg(days);
}

QString percentText(const std::optional<double> &value)
{
    return value ? tr("%1%").arg(qRound(*value * 1000) / 10.0) : tr("no data");
}

QString shareText(const Share &share)
{
    const auto value = share.value();
    return value ? tr("%1 (%2 of %3)").arg(percentText(value)).arg(share.count).arg(share.of) : tr("no data");
}

QString ageBinText(int bin)
{
    static const char *const s_names[s_ageBins] = {
            QT_TRANSLATE_NOOP("hb::board::metrics", "< 1 d"), QT_TRANSLATE_NOOP("hb::board::metrics", "1-3 d"),
            QT_TRANSLATE_NOOP("hb::board::metrics", "3-7 d"), QT_TRANSLATE_NOOP("hb::board::metrics", "7-30 d"),
            QT_TRANSLATE_NOOP("hb::board::metrics", "> 30 d")};
    return bin >= 0 && bin < s_ageBins ? tr(s_names[bin]) : QString();
}

QString resolutionBinText(int bin)
{
    static const char *const s_names[s_resolutionBins] = {
            QT_TRANSLATE_NOOP("hb::board::metrics", "< 1 h"), QT_TRANSLATE_NOOP("hb::board::metrics", "1-4 h"),
            QT_TRANSLATE_NOOP("hb::board::metrics", "4-8 h"), QT_TRANSLATE_NOOP("hb::board::metrics", "8-24 h"),
            QT_TRANSLATE_NOOP("hb::board::metrics", "1-3 d"), QT_TRANSLATE_NOOP("hb::board::metrics", "3-7 d"),
            QT_TRANSLATE_NOOP("hb::board::metrics", "> 7 d")};
    return bin >= 0 && bin < s_resolutionBins ? tr(s_names[bin]) : QString();
}

QString technicianText(const QString &login)
{
    return login.isEmpty() ? tr("Unassigned") : login;
}

} // namespace hb::board::metrics

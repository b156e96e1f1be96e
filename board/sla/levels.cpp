// SPDX-License-Identifier: GPL-3.0-or-later
#include "levels.h"

#include <board/rules/cardfields.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTime>

#include <cmath>

namespace hb::board::sla {

namespace {

constexpr qint64 s_minute = 60'000;
/// Ten years: more is a typing mistake, and keeps every sum far from overflowing.
constexpr double s_maxTargetMinutes = 10.0 * 366 * 24 * 60;
constexpr const char *s_days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::sla::Levels", text);
}

storage::Error invalid(const QString &what)
{
    return storage::Error{storage::ErrorKind::Invalid, what};
}

storage::Result<QJsonObject> objectOf(const QByteArray &json, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(tr("the %1 are not readable JSON: %2").arg(what, error.errorString()));
    if (!document.isObject())
        return invalid(tr("the %1 are not a JSON object").arg(what));
    return document.object();
}

QString clockText(int minute)
{
    return QTime(minute / 60, minute % 60).toString(QStringLiteral("HH:mm"));
}

} // namespace

QByteArray policyToJson(const Policy &policy)
{
    QJsonObject targets;
    for (const storage::Priority priority : s_priorityOrder) {
        const Target &target = policy.target(priority);
        targets.insert(storage::toText(priority),
                       QJsonObject{{QStringLiteral("response_min"), target.responseMs / s_minute},
                                   {QStringLiteral("resolution_min"), target.resolutionMs / s_minute},
                                   {QStringLiteral("all_day"), target.allDay}});
    }
    QStringList pausing;
    for (const storage::StatusTag status : policy.pausing)
        pausing << storage::toText(status);
    pausing.sort();
    return QJsonDocument(QJsonObject{{QStringLiteral("targets"), targets},
                                     {QStringLiteral("pausing"), QJsonArray::fromStringList(pausing)}})
            .toJson(QJsonDocument::Compact);
}

QByteArray calendarToJson(const Calendar &calendar)
{
    QJsonObject week;
    for (int day = 0; day < 7; ++day) {
        QJsonArray spans;
        for (const Span &span : calendar.week[day])
            spans.append(QJsonObject{{QStringLiteral("start"), clockText(span.start)},
                                     {QStringLiteral("minutes"), span.minutes}});
        week.insert(QLatin1String(s_days[day]), spans);
    }
    QJsonArray holidays;
    for (const Holiday &holiday : calendar.holidays)
        holidays.append(QJsonObject{{QStringLiteral("date"), holiday.date.toString(Qt::ISODate)},
                                    {QStringLiteral("yearly"), holiday.yearly},
                                    {QStringLiteral("name"), holiday.name}});
    return QJsonDocument(QJsonObject{{QStringLiteral("time_zone"), QString::fromUtf8(calendar.timeZone)},
                                     {QStringLiteral("week"), week},
                                     {QStringLiteral("holidays"), holidays}})
            .toJson(QJsonDocument::Compact);
}

storage::Result<Policy> policyFromJson(const QByteArray &json)
{
    auto root = objectOf(json, tr("service-level targets"));
    if (!root)
        return root.error();
    Policy policy = Policy::defaults();
    const QJsonValue targets = root->value(QStringLiteral("targets"));
    if (!targets.isUndefined() && !targets.isObject())
        return invalid(tr("the targets are not a JSON object"));
    for (const storage::Priority priority : s_priorityOrder) {
        const QJsonValue entry = targets.toObject().value(storage::toText(priority));
        if (entry.isUndefined())
            continue;
        if (!entry.isObject())
            return invalid(tr("the targets of %1 tickets are not a JSON object").arg(storage::toText(priority)));
        Target &target = policy.targets[std::size_t(priority)];
        for (const auto &[key, field] : {std::pair{QStringLiteral("response_min"), &Target::responseMs},
                                         std::pair{QStringLiteral("resolution_min"), &Target::resolutionMs}}) {
            const QJsonValue value = entry.toObject().value(key);
            if (value.isUndefined())
                continue;
            const double minutes = value.toDouble(std::nan(""));
            if (!value.isDouble() || !std::isfinite(minutes) || minutes != std::floor(minutes)
                || std::abs(minutes) > s_maxTargetMinutes)
                return invalid(tr("%1 of %2 tickets is not a whole number of minutes up to ten years")
                                       .arg(key, storage::toText(priority)));
            target.*field = qint64(minutes) * s_minute;
        }
        const QJsonValue allDay = entry.toObject().value(QStringLiteral("all_day"));
        if (!allDay.isUndefined() && !allDay.isBool())
            return invalid(tr("all_day of %1 tickets is not true or false").arg(storage::toText(priority)));
        target.allDay = allDay.toBool(target.allDay);
    }
    const QJsonValue pausing = root->value(QStringLiteral("pausing"));
    if (!pausing.isUndefined()) {
        if (!pausing.isArray())
            return invalid(tr("the statuses that pause are not a JSON array"));
        policy.pausing.clear();
        for (const QJsonValue &name : pausing.toArray()) {
            const auto status = storage::statusFromString(name.toString());
            if (!name.isString() || !status || *status == storage::StatusTag::None)
                return invalid(tr("“%1” is not a status that can pause the clock").arg(name.toVariant().toString()));
            policy.pausing.insert(*status);
        }
    }
    return policy;
}

storage::Result<Calendar> calendarFromJson(const QByteArray &json)
{
    auto root = objectOf(json, tr("business hours"));
    if (!root)
        return root.error();
    const QJsonValue zone = root->value(QStringLiteral("time_zone"));
    if (!zone.isUndefined() && !zone.isString())
        return invalid(tr("the time zone is not a name"));
    Calendar calendar = Calendar::officeHours(zone.isString() ? zone.toString().toUtf8() : QByteArray("UTC"));
    const QJsonValue week = root->value(QStringLiteral("week"));
    if (!week.isUndefined()) {
        if (!week.isObject())
            return invalid(tr("the working hours are not a JSON object"));
        for (int day = 0; day < 7; ++day) {
            const QJsonValue spans = week.toObject().value(QLatin1String(s_days[day]));
            if (spans.isUndefined())
                continue;
            if (!spans.isArray())
                return invalid(tr("the working hours of %1 are not a JSON array").arg(QLatin1String(s_days[day])));
            calendar.week[day].clear();
            for (const QJsonValue &span : spans.toArray()) {
                const QTime start = QTime::fromString(span.toObject().value(QStringLiteral("start")).toString(),
                                                      QStringLiteral("HH:mm"));
                const QJsonValue minutes = span.toObject().value(QStringLiteral("minutes"));
                const double length = minutes.toDouble(std::nan(""));
                if (!span.isObject() || !start.isValid() || !minutes.isDouble() || !std::isfinite(length)
                    || length != std::floor(length) || std::abs(length) > 100'000)
                    return invalid(tr("a working span of %1 is not {\"start\": \"HH:MM\", \"minutes\": N}")
                                           .arg(QLatin1String(s_days[day])));
                calendar.week[day].append({start.hour() * 60 + start.minute(), int(length)});
            }
        }
    }
    const QJsonValue holidays = root->value(QStringLiteral("holidays"));
    if (!holidays.isUndefined() && !holidays.isArray())
        return invalid(tr("the holidays are not a JSON array"));
    for (const QJsonValue &entry : holidays.toArray()) {
        const QJsonObject holiday = entry.toObject();
        const QDate date = QDate::fromString(holiday.value(QStringLiteral("date")).toString(), Qt::ISODate);
        const QJsonValue yearly = holiday.value(QStringLiteral("yearly"));
        const QJsonValue name = holiday.value(QStringLiteral("name"));
        if (!entry.isObject() || !date.isValid() || (!yearly.isUndefined() && !yearly.isBool()) || !name.isString())
            return invalid(tr("a holiday is not {\"date\": \"YYYY-MM-DD\", \"yearly\": true|false, \"name\": "
                              "\"...\"}"));
        calendar.holidays.append({date, yearly.toBool(), name.toString()});
    }
    return calendar;
}

storage::Result<LevelsFile> levelsFromJson(const QByteArray &json, const Policy &currentPolicy,
                                           const Calendar &currentCalendar)
{
    auto root = objectOf(json, tr("service levels"));
    if (!root)
        return root.error();
    LevelsFile file;
    for (auto it = root->constBegin(); it != root->constEnd(); ++it) {
        const QString key = it.key();
        if (key == u"version" || key == u"updated_at" || key == u"updated_by")
            continue;
        if (key != u"policy" && key != u"calendar")
            return invalid(tr("“%1” is not a part of the service levels (policy, calendar)").arg(key));
        if (!it.value().isObject())
            return invalid(tr("the %1 is not a JSON object").arg(key));
        const QByteArray part = QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact);
        if (key == u"policy") {
            auto policy = policyFromJson(part);
            if (!policy)
                return policy.error();
            file.policy = *policy;
        } else {
            auto calendar = calendarFromJson(part);
            if (!calendar)
                return calendar.error();
            file.calendar = *calendar;
        }
    }
    if (!file.policy && !file.calendar)
        return invalid(tr("the service levels hold neither a policy nor a calendar"));
    const Calendar &calendar = file.calendar ? *file.calendar : currentCalendar;
    QString problem = calendar.problem();
    if (problem.isEmpty())
        problem = (file.policy ? *file.policy : currentPolicy).problem(calendar);
    if (!problem.isEmpty())
        return invalid(problem);
    return file;
}

} // namespace hb::board::sla

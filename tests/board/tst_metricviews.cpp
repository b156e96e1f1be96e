// SPDX-License-Identifier: GPL-3.0-or-later
// The metrics' SQL views (schema v7, storage/sqlite/metricviews.cpp) against the app and helpboard-cli: every
// ticket's row and every figure the views hold, read with plain SQL on the file as a script would, on the demo board
// and on a generated year of a help desk. (The edge cases of single tickets: tst_metrics, which checks each scripted
// ticket's row in SQL too.)
#include "metricsql.h"
#include "support/generatedboard.h"
#include "support/testsupport.h"

#include <board/metrics/dataset.h>
#include <board/metrics/report.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace hb;
using namespace Qt::StringLiterals;
using board::metrics::TicketRow;
using tests::text;

namespace {

QString share(const board::metrics::Share &value)
{
    return text(value.value());
}

QString spreadText(const std::optional<qint64> &value)
{
    return text(value);
}

/// helpboard-cli ARGS on @p path ($HELPBOARD_CLI, set by ctest): its standard output.
QByteArray cli(const QString &path, const QStringList &args)
{
    QProcess process;
    process.start(qEnvironmentVariable("HELPBOARD_CLI"), QStringList{u"--board"_s, path} + args);
    if (!process.waitForFinished(60'000) || process.exitCode() != 0)
        return {};
    return process.readAllStandardOutput();
}

} // namespace

class tst_MetricViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldGiveInSqlWhatTheAppAndTheCliGive_data()
    {
        QTest::addColumn<int>("generated"); // tickets of a generated year; 0: the demo board
        QTest::newRow("demo board") << 0;
        QTest::newRow("a generated year of 1,500 tickets") << 1500;
    }

    void shouldGiveInSqlWhatTheAppAndTheCliGive()
    {
        QFETCH(int, generated);
        QVERIFY2(!qEnvironmentVariableIsEmpty("HELPBOARD_CLI"),
                 "HELPBOARD_CLI must name helpboard-cli (ctest sets it)");
        // GIVEN a board with a history
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        {
            auto made = storage::BoardStore::create(path, u"Help desk"_s, tests::optionsFor(u"alice"_s));
            QVERIFY(made);
            if (generated) {
                storage::GeneratedHistorySize size;
                size.tickets = generated;
                QVERIFY(storage::populateGeneratedHistory(**made, size, nullptr));
            } else {
                QVERIFY(storage::populateDemoBoard(**made));
            }
        }

        // WHEN the app reads it, and a script reads the views
        auto store = storage::BoardStore::open(path, tests::optionsFor(u"alice"_s));
        QVERIFY(store);
        const auto read = board::metrics::readDataset(**store, (*store)->now());
        if (!read)
            QFAIL(qPrintable(read.error().message));
        const board::metrics::Dataset &data = *read;
        QString error;
        const QList<QVariantMap> tickets = tests::select(path, u"SELECT * FROM metrics_tickets"_s, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // THEN every ticket's row is the same: one row each, archived ones in
        QCOMPARE(tickets.size(), data.rows.size());
        QVERIFY(data.rows.size() >= 25);
        QHash<qint64, QVariantMap> byId;
        for (const QVariantMap &row : tickets)
            byId.insert(row.value(u"card_id"_s).toLongLong(), row);
        int resolved = 0;
        for (const TicketRow &row : data.rows) {
            QVERIFY2(byId.contains(row.cardId), qPrintable(u"ticket %1 is not in the view"_s.arg(row.cardId)));
            const QStringList app = tests::appRow(row, data.labelNames, data.targetNames, data.now);
            const QStringList sql = tests::sqlRow(byId.value(row.cardId));
            QVERIFY2(sql == app,
                     qPrintable(
                             u"ticket %1\n  app: %2\n  SQL: %3"_s.arg(row.cardId).arg(app.join(u' '), sql.join(u' '))));
            resolved += row.isResolved() ? 1 : 0;
        }
        QVERIFY(resolved > 0 && resolved < data.rows.size());

        // AND every figure of the views is the app's, over all time (its days in UTC, as the views count them)
        qint64 first = data.now;
        for (const TicketRow &row : data.rows)
            first = std::min(first, row.createdAt);
        board::metrics::Period all{1, data.now + 1, {}};
        for (QDate day = QDateTime::fromMSecsSinceEpoch(first, QTimeZone::utc()).date();
             day <= QDateTime::fromMSecsSinceEpoch(data.now, QTimeZone::utc()).date(); day = day.addDays(1))
            all.buckets << day.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
        const board::metrics::Summary summary = board::metrics::summarize(data.rows, all, data.now);
        const QVariantMap figures = tests::select(path, u"SELECT * FROM metrics_summary"_s, &error).value(0);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QStringList app{
                u"created=%1"_s.arg(summary.created),
                u"resolved=%1"_s.arg(summary.resolved),
                u"backlog=%1"_s.arg(summary.backlog),
                u"overdue=%1"_s.arg(summary.overdue),
                u"unassigned=%1"_s.arg(summary.unassigned),
                u"left_out=%1"_s.arg(summary.leftOut),
                u"response_median_ms="_s + spreadText(summary.response.median),
                u"response_p90_ms="_s + spreadText(summary.response.p90),
                u"resolution_median_ms="_s + spreadText(summary.resolution.median),
                u"resolution_p90_ms="_s + spreadText(summary.resolution.p90),
                u"handle_median_ms="_s + spreadText(summary.handle.median),
                u"handle_p90_ms="_s + spreadText(summary.handle.p90),
                u"resolution_rate="_s + text(summary.resolutionRate),
                u"first_contact_rate="_s + share(summary.firstContact),
                u"first_level_rate="_s + share(summary.firstLevel),
                u"escalation_rate="_s + share(summary.escalated),
                u"within_24h_rate="_s + share(summary.within24h),
                u"reopen_rate="_s + share(summary.reopened),
        };
        QStringList sql;
        for (const QString &figure : app) {
            const QString name = figure.section(u'=', 0, 0);
            sql << name + u'=' + text(figures.value(name));
        }
        QCOMPARE(sql, app);
        QVERIFY(summary.resolution.count > 0 && summary.firstContact.of > 0);

        // per channel, label, escalation target, technician and day
        const auto counted = [&](const QString &view, const QString &key, const QString &value) {
            QStringList lines;
            for (const QVariantMap &row : tests::select(path, u"SELECT * FROM "_s + view, &error))
                lines << text(row.value(key)) + u'=' + text(row.value(value));
            lines.sort();
            return lines;
        };
        QStringList channels;
        for (auto it = summary.createdPerChannel.cbegin(); it != summary.createdPerChannel.cend(); ++it)
            channels << (it.key() == storage::Channel::None ? QString() : storage::toText(it.key())) + u'='
                                + QString::number(*it);
        channels.sort();
        QCOMPARE(counted(u"metrics_channels"_s, u"channel"_s, u"created"_s), channels);
        QStringList labels;
        for (auto it = summary.createdPerLabel.cbegin(); it != summary.createdPerLabel.cend(); ++it)
            labels << data.labelNames.value(it.key()) + u'=' + QString::number(*it);
        labels.sort();
        QCOMPARE(counted(u"metrics_labels"_s, u"label"_s, u"created"_s), labels);
        QStringList targets;
        for (auto it = summary.escalatedPerTarget.cbegin(); it != summary.escalatedPerTarget.cend(); ++it)
            targets << data.targetNames.value(it.key()) + u'=' + QString::number(*it);
        targets.sort();
        QCOMPARE(counted(u"metrics_escalations"_s, u"target"_s, u"tickets"_s), targets);
        QVERIFY(!targets.isEmpty());
        QStringList people;
        for (auto it = summary.technicians.cbegin(); it != summary.technicians.cend(); ++it) {
            people << u"%1 open=%2 resolved=%3 median=%4"_s.arg(it.key())
                              .arg(it->open)
                              .arg(it->resolved)
                              .arg(spreadText(it->resolution.median));
        }
        QStringList sqlPeople;
        for (const QVariantMap &row : tests::select(path, u"SELECT * FROM metrics_technicians"_s, &error)) {
            sqlPeople << u"%1 open=%2 resolved=%3 median=%4"_s.arg(row.value(u"assignee"_s).toString())
                                 .arg(text(row.value(u"open"_s)), text(row.value(u"resolved"_s)),
                                      text(row.value(u"resolution_median_ms"_s)));
        }
        people.sort();
        sqlPeople.sort();
        QCOMPARE(sqlPeople, people);
        QStringList days;
        for (qsizetype i = 0; i < all.buckets.size(); ++i) {
            if (summary.createdPerBucket.at(i) || summary.resolvedPerBucket.at(i)) {
                days << u"%1 %2 %3"_s
                                .arg(QDateTime::fromMSecsSinceEpoch(all.buckets.at(i), QTimeZone::utc())
                                             .date()
                                             .toString(Qt::ISODate))
                                .arg(summary.createdPerBucket.at(i))
                                .arg(summary.resolvedPerBucket.at(i));
            }
        }
        QStringList sqlDays;
        for (const QVariantMap &row : tests::select(path, u"SELECT * FROM metrics_days"_s, &error)) {
            sqlDays << u"%1 %2 %3"_s.arg(row.value(u"day"_s).toString(), text(row.value(u"created"_s)),
                                         text(row.value(u"resolved"_s)));
        }
        QCOMPARE(sqlDays, days);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // AND helpboard-cli report, from another process, gives the views' figures (from far back to tomorrow: all)
        const QJsonObject report =
                QJsonDocument::fromJson(cli(path, {u"report"_s, u"--json"_s, u"--from"_s, u"2000-01-01"_s, u"--to"_s,
                                                   QDate::currentDate().addDays(1).toString(Qt::ISODate)}))
                        .object();
        QVERIFY(!report.isEmpty());
        const auto share = [&report](const QString &key) {
            const QJsonValue value = report.value(key).toObject().value(u"share"_s);
            return value.isNull() ? u"-"_s : QVariant(value.toDouble()).toString();
        };
        const auto median = [&report](const QString &key) {
            const QJsonValue value = report.value(key).toObject().value(u"median"_s);
            return value.isNull() ? u"-"_s : QString::number(value.toInteger());
        };
        const QStringList fromCli{
                u"created=%1"_s.arg(report.value(u"created"_s).toInt()),
                u"resolved=%1"_s.arg(report.value(u"resolved"_s).toInt()),
                u"backlog=%1"_s.arg(report.value(u"backlog"_s).toInt()),
                u"unassigned=%1"_s.arg(report.value(u"unassigned"_s).toInt()),
                u"response_median_ms="_s + median(u"first_response_ms"_s),
                u"resolution_median_ms="_s + median(u"resolution_ms"_s),
                u"handle_median_ms="_s + median(u"handle_ms"_s),
                u"first_contact_rate="_s + share(u"first_contact_resolution"_s),
                u"escalation_rate="_s + share(u"escalation_rate"_s),
                u"within_24h_rate="_s + share(u"resolved_within_24h"_s),
        };
        QStringList fromSql;
        for (const QString &figure : fromCli) {
            const QString name = figure.section(u'=', 0, 0);
            fromSql << name + u'=' + text(figures.value(name));
        }
        QCOMPARE(fromCli, fromSql);
    }
};

QTEST_GUILESS_MAIN(tst_MetricViews)
#include "tst_metricviews.moc"

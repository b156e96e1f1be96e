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

/// Everything a read holds of a ticket, to compare two reads: the view's words, and what the clocks and "now" add.
QStringList everything(const TicketRow &row, const board::metrics::Dataset &data)
{
    return tests::appRow(row, data.labelNames, data.targetNames, data.now)
           + QStringList{u"handle=%1"_s.arg(row.handleMs),
                         u"business=%1/%2"_s.arg(text(row.businessResponseMs), text(row.businessResolutionMs)),
                         u"met=%1/%2"_s.arg(text(row.responseMet), text(row.resolutionMet)),
                         u"breached=%1"_s.arg(row.breachedNow),
                         u"sla=%1"_s.arg(data.slaStates.value(row.cardId)),
                         u"assignee=%1"_s.arg(row.assignee),
                         u"due=%1"_s.arg(row.dueAt),
                         u"archived=%1"_s.arg(row.archivedAt)};
}

/// A read, ticket by ticket in id order, with the names and the board's.
QStringList everything(const board::metrics::Dataset &data)
{
    QMap<qint64, QStringList> byId;
    for (const TicketRow &row : data.rows)
        byId.insert(row.cardId, everything(row, data));
    QStringList lines{data.boardName, QString::fromUtf8(data.timeZone), data.clocksProblem,
                      u"seq=%1 cards=%2"_s.arg(data.seq).arg(data.cards.size())};
    for (auto it = byId.cbegin(); it != byId.cend(); ++it)
        lines << u"%1: %2"_s.arg(it.key()).arg(it->join(u' '));
    QMap<qint64, QString> cards;
    for (qsizetype i = 0; i < data.cards.size(); ++i) {
        const board::metrics::TicketCard &card = data.cards.at(i);
        if (card.id != data.rows.at(i).cardId)
            lines << u"card %1 beside the row of %2"_s.arg(card.id).arg(data.rows.at(i).cardId);
        // What the board's filter reads of it (TicketCard)
        QStringList labels;
        for (qint64 label : card.labelIds)
            labels << QString::number(label);
        cards.insert(card.id, QStringList{card.title, QString::number(card.columnId), QString::number(int(card.status)),
                                          QString::number(int(card.priority)), QString::number(int(card.channel)),
                                          card.assignee, card.requester, QString::number(card.dueAt),
                                          QString::number(card.resolvedAt), QString::number(card.archivedAt),
                                          QString::number(card.escalation.targetId), labels.join(u',')}
                                      .join(u'|'));
    }
    for (auto it = cards.cbegin(); it != cards.cend(); ++it)
        lines << u"card %1: %2"_s.arg(it.key()).arg(*it);
    return lines;
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
        int inDoing = 0;
        for (const TicketRow &row : data.rows) {
            QVERIFY2(byId.contains(row.cardId), qPrintable(u"ticket %1 is not in the view"_s.arg(row.cardId)));
            const QStringList app = tests::appRow(row, data.labelNames, data.targetNames, data.now);
            const QStringList sql = tests::sqlRow(byId.value(row.cardId));
            QVERIFY2(sql == app,
                     qPrintable(
                             u"ticket %1\n  app: %2\n  SQL: %3"_s.arg(row.cardId).arg(app.join(u' '), sql.join(u' '))));
            resolved += row.isResolved() ? 1 : 0;
            // (an open ticket's time in Doing goes on to each reader's now: the view's, read after the app's, by
            // as much as the view's now is later, at most the few seconds between the two reads)
            if (!row.isResolved()) {
                const qint64 later = byId.value(row.cardId).value(u"handle_ms"_s).toLongLong() - row.handleMs;
                QVERIFY2(later >= 0 && later < 60'000, qPrintable(u"ticket %1: %2 ms"_s.arg(row.cardId).arg(later)));
                inDoing += later > 0 ? 1 : 0;
            }
        }
        QVERIFY2(inDoing > 0, "no open ticket in Doing: the view's now is not checked");
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

    void shouldWorkOutAgainTheRowsItCannotReadAndLeaveANewerProgramsAlone()
    {
        // GIVEN the demo board read by an editor, whose resolved tickets' rows are now in the cache
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        auto made = storage::BoardStore::create(path, u"Help desk"_s, tests::optionsFor(u"alice"_s));
        QVERIFY(made);
        QVERIFY(storage::populateDemoBoard(**made));
        const auto first = board::metrics::readDataset(**made, (*made)->now());
        QVERIFY(first);
        const QList<QVariantList> rows =
                tests::rawSql(path, {u"SELECT card_id, hex(data) FROM metric_cache ORDER BY card_id"_s}).rows;
        QVERIFY(rows.size() >= 3);
        // WHEN one row is a newer program's (format 3), one an older one's (format 1), one is damaged
        const qint64 newer = rows.at(0).at(0).toLongLong();
        const qint64 older = rows.at(1).at(0).toLongLong();
        const qint64 damaged = rows.at(2).at(0).toLongLong();
        QCOMPARE(tests::rawSql(
                         path,
                         {u"UPDATE metric_cache SET data = X'03' || substr(data, 2) WHERE card_id = %1"_s.arg(newer),
                          u"UPDATE metric_cache SET data = X'01' || substr(data, 2) WHERE card_id = %1"_s.arg(older),
                          u"UPDATE metric_cache SET data = substr(data, 1, 9) WHERE card_id = %1"_s.arg(damaged)})
                         .error,
                 QString());
        const auto second = board::metrics::readDataset(**made, first->now);
        QVERIFY(second);
        // THEN the three are worked out again, and the read is the first one
        QCOMPARE(second->cacheRead, first->cacheStored - 3);
        QCOMPARE(everything(*second), everything(*first));
        // AND the older and the damaged rows are replaced by good ones; the newer program's is left as it was
        const QList<QVariantList> after =
                tests::rawSql(path, {u"SELECT card_id, hex(data) FROM metric_cache ORDER BY card_id"_s}).rows;
        QCOMPARE(after.size(), rows.size());
        QCOMPARE(after.at(0).at(1).toString(), u"03"_s + rows.at(0).at(1).toString().mid(2));
        QCOMPARE(after.at(1), rows.at(1));
        QCOMPARE(after.at(2), rows.at(2));
        QCOMPARE(after.mid(3), rows.mid(3));
    }

    void shouldUpdateAReadAsAFreshReadWouldGiveIt_data()
    {
        QTest::addColumn<QString>("change"); // what a colleague does on the demo board between the two reads
        QTest::addColumn<bool>("whole");     // the update reads the whole board again
        QTest::addColumn<bool>("clears");    // the change empties the metrics' cache (schema v8)
        QTest::newRow("nothing") << u"nothing"_s << false << false;
        QTest::newRow("a ticket resolved") << u"resolve"_s << false << false;
        QTest::newRow("a ticket reopened") << u"reopen"_s << false << false;
        QTest::newRow("a comment answers a ticket") << u"comment"_s << false << false;
        QTest::newRow("a ticket made") << u"create"_s << false << false;
        QTest::newRow("a ticket archived") << u"archive"_s << false << false;
        QTest::newRow("a ticket deleted") << u"delete"_s << false << false;
        QTest::newRow("a ticket escalated and reassigned") << u"escalate"_s << false << false;
        QTest::newRow("a ticket deleted and restored") << u"restore"_s << false << false;
        QTest::newRow("a label put on a ticket") << u"tag"_s << false << false;
        QTest::newRow("a resolved ticket edited by helpboard-cli") << u"cli"_s << false << false;
        QTest::newRow("2,100 comments (the feed read a page at a time)") << u"burst"_s << false << false;
        QTest::newRow("5,001 tickets imported") << u"import"_s << true << false;
        QTest::newRow("a label renamed") << u"label"_s << true << true;
        QTest::newRow("a label deleted") << u"unlabel"_s << true << true;
        QTest::newRow("an escalation target renamed") << u"target"_s << true << true;
        QTest::newRow("the service levels changed") << u"levels"_s << true << true;
        QTest::newRow("a column renamed") << u"column"_s << true << false;
    }

    void shouldUpdateAReadAsAFreshReadWouldGiveIt()
    {
        QFETCH(QString, change);
        QFETCH(bool, whole);
        QFETCH(bool, clears);
        // GIVEN the demo board, read (which keeps its resolved tickets in the cache)
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        auto made = storage::BoardStore::create(path, u"Help desk"_s, tests::optionsFor(u"alice"_s));
        QVERIFY(made);
        QVERIFY(storage::populateDemoBoard(**made));
        made->reset();
        auto mine = storage::BoardStore::open(path, tests::optionsFor(u"alice"_s));
        QVERIFY(mine);
        const auto before = board::metrics::readDataset(**mine, (*mine)->now());
        QVERIFY(before);
        QVERIFY(before->cacheStored > 0);
        QCOMPARE(before->cacheStored,
                 tests::rawSql(path, {u"SELECT count(*) FROM metric_cache"_s}).rows.value(0).value(0));

        // WHEN a colleague (the admin, for the levels and the columns) changes the board, through a connection of
        // their own
        const bool admin = change == u"levels" || change == u"column" || change == u"unlabel" || change == u"target";
        auto theirs = storage::BoardStore::open(path, tests::optionsFor(admin ? u"alice"_s : u"dev"_s));
        QVERIFY(theirs);
        storage::BoardStore &store = **theirs;
        QHash<storage::ColumnKind, qint64> column;
        for (const storage::Column &each : store.columns().value())
            column.insert(each.kind, each.id);
        const auto inKind = [&](storage::ColumnKind kind) {
            for (const storage::Card &card : store.cards().value()) {
                if (card.columnId == column.value(kind))
                    return card.id;
            }
            return qint64(0);
        };
        const qint64 todo = inKind(storage::ColumnKind::Todo);
        const qint64 doing = inKind(storage::ColumnKind::Doing);
        const qint64 done = inKind(storage::ColumnKind::Done);
        QVERIFY(todo && doing && done);
        if (change == u"resolve") {
            QVERIFY(store.moveCard(doing, column.value(storage::ColumnKind::Done)));
        } else if (change == u"reopen") {
            QVERIFY(store.moveCard(done, column.value(storage::ColumnKind::Doing)));
        } else if (change == u"comment") {
            QVERIFY(store.addComment(todo, u"Looking at it now."_s));
        } else if (change == u"create") {
            storage::NewCard card;
            card.title = u"Projector in room 3 has no signal"_s;
            card.columnId = column.value(storage::ColumnKind::Todo);
            card.channel = storage::Channel::WalkIn;
            QVERIFY(store.createCard(card));
        } else if (change == u"archive") {
            QVERIFY(store.archiveCard(done));
        } else if (change == u"delete") {
            QVERIFY(store.deleteCard(doing));
        } else if (change == u"escalate") {
            storage::CardPatch patch;
            patch.escalation = storage::Escalation{};
            patch.escalation->targetId = store.escalationTargets().value().constFirst().id;
            patch.assignee = u"chloe"_s;
            QVERIFY(store.updateCard(todo, patch));
        } else if (change == u"restore") {
            QVERIFY(store.deleteCard(done));
            QVERIFY(store.restoreCard(done));
        } else if (change == u"tag") {
            QVERIFY(store.attachLabel(todo, store.labels().value().constLast().id));
        } else if (change == u"burst") {
            QVERIFY(store.inOneTransaction([&]() -> storage::Status {
                for (int i = 0; i < 2100; ++i) {
                    if (auto added = store.addComment(i % 2 ? todo : doing, u"Note %1"_s.arg(i)); !added)
                        return added.error();
                }
                return {};
            }));
        } else if (change == u"import") {
            QList<storage::ImportedCard> imported(5001);
            for (storage::ImportedCard &each : imported) {
                each.card.title = u"Imported ticket"_s;
                each.card.columnId = column.value(storage::ColumnKind::Done);
            }
            QVERIFY(store.importCards(imported));
        } else if (change == u"label") {
            const storage::Label label = store.labels().value().constFirst();
            QVERIFY(store.renameLabel(label.id, label.name + u" and more"_s));
        } else if (change == u"levels") {
            const storage::ServiceLevels levels = store.serviceLevels().value();
            QVERIFY(store.setServiceLevels(levels.policy, R"({"time_zone":"Pacific/Auckland"})"));
        } else if (change == u"column") {
            QVERIFY(store.renameColumn(column.value(storage::ColumnKind::Todo), u"New"_s));
        } else if (change == u"unlabel") {
            QVERIFY(store.deleteLabel(store.labels().value().constFirst().id));
        } else if (change == u"target") {
            storage::EscalationTarget target = store.escalationTargets().value().constFirst();
            target.name += u" (EMEA)"_s;
            QVERIFY(store.updateEscalationTarget(target));
        } else if (change == u"cli") {
            // (in a process of its own: the file, not this program, forgets the ticket's cached row)
            QVERIFY(!cli(path, {u"--as"_s, u"dev"_s, u"edit"_s, QString::number(done), u"--priority"_s, u"critical"_s})
                             .isNull());
        }

        // THEN the file kept the cached rows of the tickets it did not touch, unless it touched every ticket
        const int kept = tests::rawSql(path, {u"SELECT count(*) FROM metric_cache"_s}).rows.value(0).value(0).toInt();
        QCOMPARE(kept == 0, clears);
        if (!clears)
            QVERIFY2(kept >= before->cacheStored - 2, qPrintable(u"%1 of %2"_s.arg(kept).arg(before->cacheStored)));

        // AND the update gives what a fresh read at the same moment gives, ticket by ticket
        const qint64 now = (*mine)->now() + 60'000;
        const auto updated = board::metrics::updateDataset(**mine, *before, now);
        QVERIFY(updated);
        const auto cached = board::metrics::readDataset(**mine, now);
        QVERIFY(cached);
        // (and over a year later: no row kept goes on with "now")
        const qint64 later = now + 400LL * 24 * 3600 * 1000;
        const auto cachedLater = board::metrics::readDataset(**mine, later);
        QVERIFY(cachedLater);
        QCOMPARE(tests::rawSql(path, {u"DELETE FROM metric_cache"_s}).error, QString());
        const auto freshLater = board::metrics::readDataset(**mine, later);
        QVERIFY(freshLater);
        QCOMPARE(tests::rawSql(path, {u"DELETE FROM metric_cache"_s}).error, QString());
        const auto fresh = board::metrics::readDataset(**mine, now);
        QVERIFY(fresh);
        QCOMPARE(fresh->cacheRead, 0);
        QCOMPARE(freshLater->cacheRead, 0);
        QVERIFY(cachedLater->cacheRead > 0);
        QCOMPARE(everything(*cachedLater), everything(*freshLater));
        QCOMPARE(everything(*updated), everything(*fresh));
        // AND a read from the cache gives it too: the change left no stale row in it
        QCOMPARE(everything(*cached), everything(*fresh));
        QVERIFY(cached->cacheRead > 0);
        QCOMPARE(cached->cacheRead + cached->ticketsRead, fresh->rows.size());
        // AND it read the tickets that changed, not the board, unless the change touched every ticket
        QCOMPARE(updated->seq, store.lastEventSeq().value());
        QCOMPARE(updated->seq > before->seq, change != u"nothing");
        if (change == u"delete")
            QCOMPARE(updated->rows.size(), before->rows.size() - 1);
        qsizetype open = 0;
        for (const TicketRow &row : before->rows)
            open += row.isResolved() ? 0 : 1;
        QVERIFY(updated->seq > before->seq + (change == u"burst" ? 2000 : 0) || change == u"nothing");
        if (whole)
            QCOMPARE(updated->ticketsRead + updated->cacheRead, fresh->rows.size());
        else
            QVERIFY2(updated->ticketsRead <= open + 1 && updated->ticketsRead < fresh->rows.size(),
                     qPrintable(u"%1 read of %2"_s.arg(updated->ticketsRead).arg(fresh->rows.size())));
    }
};

QTEST_GUILESS_MAIN(tst_MetricViews)
#include "tst_metricviews.moc"

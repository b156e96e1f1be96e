// SPDX-License-Identifier: GPL-3.0-or-later
// Eight writer processes on one board file at once (helpboard-stress-driver): every change a caller was told was
// saved is in the file exactly once, nothing it was told failed is, versions add up, conflicts are real and reported,
// and the file stays sound.
#include "stress/stresscheck.h"
#include "stress/stresslog.h"
#include "support/testsupport.h"

#include <storage/boardstore.h>

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace hb::storage;
using namespace hb::stress;
using namespace hb::tests;
using namespace Qt::StringLiterals;

namespace {

constexpr int s_drivers = 8;
constexpr int s_opsEach = 500;
constexpr int s_hotCards = 16;
constexpr int s_startTimeoutMs = 30'000;
constexpr int s_runTimeoutMs = 200'000;

const QString s_admin = u"alice"_s;

QString driverLogin(int driver)
{
    return u"stress%1"_s.arg(driver);
}

} // namespace

class tst_Stress : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir{stressFolderTemplate(u"tst_stress"_s)};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qInfo("working in %s", qPrintable(m_dir.path()));
        QVERIFY2(QFile::exists(driverProgram()), qPrintable(driverProgram() + u" is missing"_s));
    }

    void shouldApplyEveryReportedChangeExactlyOnceWhileEightProcessesWrite()
    {
        // GIVEN a board with 16 cards everybody works on, and eight editors
        const QString path = m_dir.filePath(u"stress.helpboard"_s);
        {
            auto created = BoardStore::create(path, u"Stress"_s, optionsFor(s_admin));
            QVERIFY2(created, qPrintable(describe(created)));
            BoardStore &admin = *created.value();
            const auto columns = admin.columns().value();
            for (int driver = 0; driver < s_drivers; ++driver)
                QVERIFY(admin.setMember(driverLogin(driver), Role::Editor));
            for (int i = 0; i < s_hotCards; ++i) {
                NewCard card;
                card.columnId = columns.at(i % columns.size()).id;
                card.title = u"Shared card %1"_s.arg(i);
                QVERIFY(admin.createCard(card));
            }
        }
        const quint32 seed = stressSeed(QRandomGenerator::global()->generate());
        qInfo("seed %u (HELPBOARD_STRESS_SEED=%u seeds the drivers' choices again; their timing differs)", seed, seed);

        // WHEN eight driver processes each do 500 mixed operations at the same time
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int driver = 0; driver < s_drivers; ++driver) {
            const QString folder = m_dir.filePath(u"files-%1"_s.arg(driver));
            QVERIFY(QDir().mkpath(folder));
            auto process = std::make_unique<QProcess>();
            process->setProgram(driverProgram());
            process->setArguments({u"stress"_s, u"--board"_s, path, u"--as"_s, driverLogin(driver), u"--log"_s,
                                   m_dir.filePath(u"driver-%1.log"_s.arg(driver)), u"--folder"_s, folder, u"--seed"_s,
                                   QString::number(seed + quint32(driver)), u"--ops"_s, QString::number(s_opsEach),
                                   u"--hot"_s, QString::number(s_hotCards)});
            process->start();
            processes.push_back(std::move(process));
        }
        for (const auto &process : processes) {
            while (!process->canReadLine()) {
                QVERIFY2(process->waitForReadyRead(s_startTimeoutMs), process->readAllStandardError().constData());
            }
            QCOMPARE(process->readLine().trimmed(), QByteArray("ready"));
        }
        QElapsedTimer wall;
        wall.start();
        for (const auto &process : processes)
            QCOMPARE(process->write("go\n"), 3);
        // Written now, to all of them: waiting for one driver to finish would only send that one its line.
        for (const auto &process : processes)
            QVERIFY(process->waitForBytesWritten(s_startTimeoutMs));
        for (const auto &process : processes) {
            QVERIFY(process->waitForFinished(s_runTimeoutMs));
            QCOMPARE(process->exitStatus(), QProcess::NormalExit);
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        }
        const qint64 wallMs = wall.elapsed();

        // THEN each driver logged all its operations, every one with a fresh operation id
        QList<LoggedOp> all;
        QHash<QUuid, LoggedOp> byOp;
        QHash<QUuid, int> driverOf;
        for (int driver = 0; driver < s_drivers; ++driver) {
            QString error;
            const QList<LoggedOp> log = readLog(m_dir.filePath(u"driver-%1.log"_s.arg(driver)), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(log.size(), s_opsEach);
            for (const LoggedOp &op : log) {
                QVERIFY(!op.begin);
                QVERIFY2(!byOp.contains(op.opId), qPrintable(describeOp(op)));
                byOp.insert(op.opId, op);
                driverOf.insert(op.opId, driver);
                all << op;
            }
        }
        int outcomes[4] = {};
        int waits = 0;
        int retries = 0;
        int waited = 0;
        Problems errors;
        for (const LoggedOp &op : std::as_const(all)) {
            ++outcomes[int(op.outcome)];
            waits += op.waits;
            retries += op.retries;
            waited += op.waits > 0 ? 1 : 0;
            if (op.outcome == Outcome::Error)
                errors.add(describeOp(op) + u": "_s + op.message);
        }
        const int conflicts = outcomes[int(Outcome::Conflict)];
        const int busy = outcomes[int(Outcome::Busy)];
        qInfo("%lld operations by %d processes in %lld ms: %.0f ops/s; %d ok, %d conflicts, %d busy, %d errors",
              qint64(all.size()), s_drivers, wallMs, all.size() * 1000.0 / double(std::max<qint64>(wallMs, 1)),
              outcomes[int(Outcome::Ok)], conflicts, busy, outcomes[int(Outcome::Error)]);
        qInfo("waits for another writer: %d (in %d operations); write retries: %d", waits, waited, retries);
        // Conflict and Busy are answers a caller can act on; anything else is a failure of the store.
        QVERIFY2(errors.isEmpty(), errors.report());
        // Edits from stale versions met changes to the same field, so the conflict path really ran.
        QVERIFY2(conflicts > 0, "no edit met a conflict: the test did not exercise compare-and-swap");

        auto opened = BoardStore::open(path, optionsFor(s_admin));
        QVERIFY2(opened, qPrintable(describe(opened)));
        BoardStore &store = *opened.value();

        // THEN the operations the callers were told succeeded are recorded, and no other
        {
            Problems problems;
            for (const LoggedOp &op : std::as_const(all)) {
                const bool applied = store.isOperationApplied(op.opId);
                if (op.outcome == Outcome::Ok && !applied)
                    problems.add(u"reported saved but not in the file: "_s + describeOp(op));
                if (op.outcome != Outcome::Ok && applied)
                    problems.add(u"reported not saved but applied: "_s + describeOp(op));
            }
            const RawResult operations = rawSql(path, {u"SELECT op_id, actor, kind FROM operations"_s});
            QVERIFY2(operations.error.isEmpty(), qPrintable(operations.error));
            for (const QVariantList &row : operations.rows) {
                const QUuid op = QUuid::fromString(row.at(0).toString());
                if (row.at(1).toString() == s_admin)
                    continue;
                if (!byOp.contains(op))
                    problems.add(u"operation %1 by %2 applied, but no driver asked for it"_s.arg(row.at(0).toString(),
                                                                                                 row.at(1).toString()));
                else if (row.at(2).toString() != storeKindFor(byOp.value(op).kind))
                    problems.add(u"recorded as %1: "_s.arg(row.at(2).toString()) + describeOp(byOp.value(op)));
            }
            QVERIFY2(problems.isEmpty(), problems.report());
        }

        // THEN each applied operation has exactly one event, of its kind, on its card; failed ones have none
        const auto events = store.eventsSince(0, 1'000'000);
        QVERIFY2(events, qPrintable(describe(events)));
        QHash<qint64, QList<Event>> historyOf;
        {
            Problems problems;
            QHash<QUuid, int> eventCount;
            for (const Event &event : *events) {
                if (event.cardId)
                    historyOf[event.cardId] << event;
                const QUuid opId = QUuid::fromString(event.opId);
                if (!byOp.contains(opId)) {
                    if (event.actor != s_admin)
                        problems.add(u"event %1 (%2) by %3 from no logged operation"_s.arg(event.seq).arg(event.kind,
                                                                                                          event.actor));
                    continue;
                }
                ++eventCount[opId];
                const LoggedOp &op = byOp[opId];
                if (event.kind != eventKindFor(op.kind) || event.cardId != op.cardId)
                    problems.add(u"event %1 is %2 on card %3 for "_s.arg(event.seq).arg(event.kind).arg(event.cardId)
                                 + describeOp(op));
            }
            for (const LoggedOp &op : std::as_const(all)) {
                const int expected = op.outcome == Outcome::Ok ? 1 : 0;
                if (eventCount.value(op.opId) != expected)
                    problems.add(u"%1 events for "_s.arg(eventCount.value(op.opId)) + describeOp(op));
            }
            QVERIFY2(problems.isEmpty(), problems.report());
        }

        // THEN each card's version is one plus the changes applied to it, each edit and move returned the version it
        // made (in commit order), and the fields hold the last applied value
        CardQuery everything;
        everything.includeArchived = true;
        everything.includeDeleted = true;
        const auto cards = store.cards(everything);
        QVERIFY2(cards, qPrintable(describe(cards)));
        int okCreates = 0;
        QHash<qint64, int> bumpsOf;
        for (const LoggedOp &op : std::as_const(all)) {
            if (op.outcome != Outcome::Ok)
                continue;
            if (op.kind == kind::create)
                ++okCreates;
            else
                ++bumpsOf[op.cardId];
        }
        QCOMPARE(cards->size(), s_hotCards + okCreates);
        {
            Problems problems;
            for (const Card &card : *cards) {
                const QList<Event> history = historyOf.value(card.id);
                if (history.isEmpty() || history.constFirst().kind != u"card.created") {
                    problems.add(u"card %1 has no card.created event first"_s.arg(card.id));
                    continue;
                }
                const QJsonObject created = QJsonDocument::fromJson(history.constFirst().payload).object();
                const QUuid createdBy = QUuid::fromString(history.constFirst().opId);
                if (byOp.contains(createdBy)
                    && (byOp[createdBy].value != created.value(u"title"_s).toString()
                        || card.createdBy != driverLogin(driverOf.value(createdBy)))) {
                    problems.add(u"card %1 was not created as logged: "_s.arg(card.id) + describeOp(byOp[createdBy]));
                }
                QHash<QString, QString> fields{{u"title"_s, created.value(u"title"_s).toString()},
                                               {u"description"_s, QString()},
                                               {u"requester"_s, QString()}};
                qint64 columnId = created.value(u"column_id"_s).toInteger();
                qint64 version = 1;
                for (qsizetype i = 1; i < history.size(); ++i) {
                    const Event &event = history.at(i);
                    const auto op = byOp.constFind(QUuid::fromString(event.opId));
                    if (op == byOp.cend()) {
                        problems.add(
                                u"card %1: event %2 (%3) from no logged operation"_s.arg(card.id).arg(event.seq).arg(
                                        event.kind));
                        continue;
                    }
                    ++version;
                    if (op->kind == kind::edit || op->kind == kind::move) {
                        const qint64 inPayload =
                                QJsonDocument::fromJson(event.payload).object().value(u"version"_s).toInteger();
                        if (op->version != version || inPayload != version)
                            problems.add(u"change %1 to card %2 made version %3 (event says %4): "_s.arg(i)
                                                 .arg(card.id)
                                                 .arg(version)
                                                 .arg(inPayload)
                                         + describeOp(*op));
                    }
                    if (op->kind == kind::edit)
                        fields[op->field] = op->value;
                    if (op->kind == kind::move)
                        columnId = op->columnId;
                }
                if (card.version != version || card.version != 1 + bumpsOf.value(card.id))
                    problems.add(u"card %1 is at version %2; its history makes it %3, the logs %4"_s.arg(card.id)
                                         .arg(card.version)
                                         .arg(version)
                                         .arg(1 + bumpsOf.value(card.id)));
                if (card.title != fields[u"title"_s] || card.description != fields[u"description"_s]
                    || card.requester != fields[u"requester"_s] || card.columnId != columnId)
                    problems.add(u"card %1 holds (%2 | %3 | %4 | column %5), the last applied changes say (%6 | %7 | "
                                 u"%8 | column %9)"_s.arg(card.id)
                                         .arg(card.title, card.description, card.requester)
                                         .arg(card.columnId)
                                         .arg(fields[u"title"_s], fields[u"description"_s], fields[u"requester"_s])
                                         .arg(columnId));
            }
            QVERIFY2(problems.isEmpty(), problems.report());
        }

        // THEN every conflict had a real cause (a change to the same field since the caller's version), and no
        // saved edit or move overwrote a change its caller had not seen (no lost update)
        {
            Problems problems;
            QHash<qint64, QList<LoggedOp>> savedOn;
            for (const LoggedOp &op : std::as_const(all)) {
                if (op.outcome == Outcome::Ok && (op.kind == kind::edit || op.kind == kind::move))
                    savedOn[op.cardId] << op;
            }
            const auto competes = [](const LoggedOp &a, const LoggedOp &b) {
                return a.kind == b.kind && (a.kind == kind::move || a.field == b.field);
            };
            for (const LoggedOp &op : std::as_const(all)) {
                if (op.kind != kind::edit && op.kind != kind::move)
                    continue;
                const QList<LoggedOp> others = savedOn.value(op.cardId);
                if (op.outcome == Outcome::Conflict) {
                    const bool caused = std::any_of(others.cbegin(), others.cend(), [&](const LoggedOp &other) {
                        return competes(op, other) && other.version > op.expectedVersion;
                    });
                    if (!caused)
                        problems.add(u"conflict with no competing change: "_s + describeOp(op));
                } else if (op.outcome == Outcome::Ok) {
                    for (const LoggedOp &other : others) {
                        if (other.opId != op.opId && competes(op, other) && other.version > op.expectedVersion
                            && other.version < op.version) {
                            problems.add(u"lost update: %1 overwrote %2, which it had not seen"_s.arg(
                                    describeOp(op), describeOp(other)));
                        }
                    }
                }
            }
            QVERIFY2(problems.isEmpty(), problems.report());
        }

        // THEN comments, checklist items, ticks and attachments are there once each, as logged, and readable
        QHash<QString, Comment> commentByBody;
        QHash<QString, ChecklistItem> itemByText;
        QHash<QString, Attachment> attachmentByName;
        {
            Problems problems;
            for (const Card &card : *cards) {
                const auto comments = store.comments(card.id);
                const auto items = store.checklist(card.id);
                const auto attachments = store.attachments(card.id);
                QVERIFY2(comments && items && attachments, qPrintable(u"reading card %1"_s.arg(card.id)));
                int done = 0;
                for (const Comment &comment : *comments) {
                    if (commentByBody.contains(comment.body))
                        problems.add(u"comment “%1” is there twice"_s.arg(comment.body));
                    commentByBody.insert(comment.body, comment);
                }
                for (const ChecklistItem &item : *items) {
                    if (itemByText.contains(item.text))
                        problems.add(u"checklist item “%1” is there twice"_s.arg(item.text));
                    itemByText.insert(item.text, item);
                    done += item.done ? 1 : 0;
                }
                for (const Attachment &attachment : *attachments) {
                    if (attachmentByName.contains(attachment.name))
                        problems.add(u"attachment %1 is there twice"_s.arg(attachment.name));
                    attachmentByName.insert(attachment.name, attachment);
                }
                if (card.commentCount != comments->size() || card.checklistTotal != items->size()
                    || card.checklistDone != done || card.attachmentCount != attachments->size())
                    problems.add(
                            u"card %1's summary does not match its comments, checklist or attachments"_s.arg(card.id));
            }
            int okComments = 0;
            int okItems = 0;
            int okAttachments = 0;
            QSet<qint64> ticked;
            for (const LoggedOp &op : std::as_const(all)) {
                const bool ok = op.outcome == Outcome::Ok;
                if (op.kind == kind::comment) {
                    okComments += ok ? 1 : 0;
                    const auto found = commentByBody.constFind(op.value);
                    if (ok
                        && (found == commentByBody.cend() || found->id != op.itemId || found->cardId != op.cardId
                            || found->author != driverLogin(driverOf.value(op.opId))))
                        problems.add(u"comment missing or wrong: "_s + describeOp(op));
                    if (!ok && found != commentByBody.cend())
                        problems.add(u"comment stored although not saved: "_s + describeOp(op));
                } else if (op.kind == kind::checklistAdd) {
                    okItems += ok ? 1 : 0;
                    const auto found = itemByText.constFind(op.value);
                    if (ok && (found == itemByText.cend() || found->id != op.itemId || found->cardId != op.cardId))
                        problems.add(u"checklist item missing or wrong: "_s + describeOp(op));
                    if (!ok && found != itemByText.cend())
                        problems.add(u"checklist item stored although not saved: "_s + describeOp(op));
                } else if (op.kind == kind::tick && ok) {
                    if (ticked.contains(op.itemId))
                        problems.add(u"item %1 ticked twice: "_s.arg(op.itemId) + describeOp(op));
                    ticked.insert(op.itemId);
                } else if (op.kind == kind::attach) {
                    okAttachments += ok ? 1 : 0;
                    const auto found = attachmentByName.constFind(op.fileName);
                    if (!ok) {
                        if (found != attachmentByName.cend())
                            problems.add(u"attachment listed although not saved: "_s + describeOp(op));
                        continue;
                    }
                    if (found == attachmentByName.cend() || found->id != op.itemId || found->cardId != op.cardId
                        || found->size != op.size || found->sha256 != op.sha256) {
                        problems.add(u"attachment missing or wrong: "_s + describeOp(op));
                        continue;
                    }
                    const QString driverFolder = u"files-%1"_s.arg(driverOf.value(op.opId));
                    QFile source(QDir(m_dir.filePath(driverFolder)).filePath(op.fileName));
                    QBuffer stored;
                    stored.open(QIODevice::WriteOnly);
                    const auto read = store.readAttachment(found->id, &stored);
                    if (!read || !source.open(QIODevice::ReadOnly) || stored.data() != source.readAll())
                        problems.add(u"attachment %1 does not read back as its file (%2): "_s.arg(op.fileName,
                                                                                                  describe(read))
                                     + describeOp(op));
                }
            }
            QSet<qint64> itemIds;
            for (const ChecklistItem &item : std::as_const(itemByText)) {
                itemIds.insert(item.id);
                if (item.done != ticked.contains(item.id))
                    problems.add(u"item %1 (%2) is %3"_s.arg(item.id).arg(item.text,
                                                                          item.done ? u"ticked"_s : u"not ticked"_s));
            }
            for (qint64 item : std::as_const(ticked)) {
                if (!itemIds.contains(item))
                    problems.add(u"ticked item %1 is not on the board"_s.arg(item));
            }
            if (commentByBody.size() != okComments || itemByText.size() != okItems
                || attachmentByName.size() != okAttachments)
                problems.add(u"the board has %1 comments, %2 items and %3 attachments; the logs saved %4, %5, %6"_s
                                     .arg(commentByBody.size())
                                     .arg(itemByText.size())
                                     .arg(attachmentByName.size())
                                     .arg(okComments)
                                     .arg(okItems)
                                     .arg(okAttachments));
            QVERIFY2(problems.isEmpty(), problems.report());
            qInfo("board: %lld cards, %d comments, %d checklist items (%lld ticked), %d attachments",
                  qint64(cards->size()), okComments, okItems, qint64(ticked.size()), okAttachments);
        }

        // THEN the file is sound
        const auto verified = store.verify();
        QVERIFY2(verified, qPrintable(describe(verified)));
        QVERIFY2(verified->isEmpty(), qPrintable(verified->join(u'\n')));
        const RawResult integrity = rawSql(path, {u"PRAGMA integrity_check"_s});
        QVERIFY2(integrity.error.isEmpty(), qPrintable(integrity.error));
        QCOMPARE(integrity.rows, QList<QVariantList>{QVariantList{u"ok"_s}});
    }
};

QTEST_GUILESS_MAIN(tst_Stress)
#include "tst_stress.moc"

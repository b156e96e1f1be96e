// SPDX-License-Identifier: GPL-3.0-or-later
// A writer (helpboard-stress-driver in crash mode) killed with SIGKILL at a random moment, fifty times over: after
// each kill the board opens writable and sound, everything the writer was told had been saved is there, nothing is
// half there, and no attachment is listed unless all of its bytes can be read back.
#include "stress/stresscheck.h"
#include "stress/stresslog.h"
#include "support/testsupport.h"

#include <storage/boardstore.h>

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace hb::storage;
using namespace hb::stress;
using namespace hb::tests;
using namespace Qt::StringLiterals;

namespace {

constexpr int s_rounds = 50;
constexpr int s_seedCards = 4;
constexpr int s_minDelayMs = 20;
constexpr int s_maxDelayMs = 250;
constexpr int s_startTimeoutMs = 20'000;

const QString s_admin = u"alice"_s;
const QString s_writer = u"crasher"_s;

/// What the rounds so far did, as the writer's logs tell it.
struct History
{
    QList<LoggedOp> begun;       ///< every "begin" record, in the order of the calls (one writer at a time)
    QHash<QUuid, LoggedOp> done; ///< the "done" records: the call returned and its answer was logged
    QSet<QUuid> inFlight;        ///< the last call of each round, begun and not logged as done: it may have landed
};

} // namespace

class tst_Crash : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir{stressFolderTemplate(u"tst_crash"_s)};
    QString m_path;
    QString m_folder;
    History m_history;
    int m_landedUnlogged = 0;
    int m_rolledBack = 0;
    int m_abandonedUploads = 0;
    qint64 m_bytesReadBack = 0;
    qint64 m_readBackMs = 0;
    qint64 m_verifyMs = 0;
    QHash<QString, std::pair<qint64, QByteArray>> m_sources;
    QSet<qint64> m_readBack; ///< attachments read back through the store at least once
    int m_attachmentsListed = 0;

    /// The size and SHA-256 (hex) of an attachment's source file in the writer's folder; {0, empty} if missing.
    std::pair<qint64, QByteArray> sourceOf(const QString &name)
    {
        if (const auto known = m_sources.constFind(name); known != m_sources.cend())
            return *known;
        QFile file(QDir(m_folder).filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QByteArray bytes = file.readAll();
        const std::pair<qint64, QByteArray> source{bytes.size(),
                                                   QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()};
        // The writer never changes a file once it has begun attaching it.
        m_sources.insert(name, source);
        return source;
    }

    /// Checks the board after @p round against everything the logs say (with @p readAll, reading back every
    /// attachment); the problems found, none when all is well.
    QByteArray checkBoard(int round, bool readAll)
    {
        Problems problems;
        auto opened = BoardStore::open(m_path, optionsFor(s_admin, 10'000));
        if (!opened)
            return (u"the board does not open: "_s + describe(opened.error())).toUtf8();
        BoardStore &store = *opened.value();
        if (store.isReadOnly())
            problems.add(u"the board opens read-only: "_s + store.readOnlyReason());
        QElapsedTimer verifying;
        verifying.start();
        const auto verified = store.verify();
        m_verifyMs += verifying.elapsed();
        if (!verified)
            return (u"verify failed: "_s + describe(verified.error())).toUtf8();
        for (const QString &finding : *verified)
            problems.add(u"verify: "_s + finding);

        // Applied operations: each one begun, and logged as saved unless it was the call in flight at the kill.
        const RawResult operations = rawSql(m_path, {u"SELECT op_id, actor, kind FROM operations"_s});
        if (!operations.error.isEmpty())
            return operations.error.toUtf8();
        QHash<QUuid, LoggedOp> begunById;
        for (const LoggedOp &op : std::as_const(m_history.begun))
            begunById.insert(op.opId, op);
        QSet<QUuid> applied;
        for (const QVariantList &row : operations.rows) {
            if (row.at(1).toString() != s_writer)
                continue;
            const QUuid opId = QUuid::fromString(row.at(0).toString());
            applied.insert(opId);
            const auto begun = begunById.constFind(opId);
            if (begun == begunById.cend())
                problems.add(
                        u"operation %1 (%2) applied but never begun"_s.arg(row.at(0).toString(), row.at(2).toString()));
            else if (row.at(2).toString() != storeKindFor(begun->kind))
                problems.add(u"recorded as %1: "_s.arg(row.at(2).toString()) + describeOp(*begun));
            else if (!m_history.done.contains(opId) && !m_history.inFlight.contains(opId))
                problems.add(u"applied, neither logged nor in flight: "_s + describeOp(*begun));
        }
        for (const LoggedOp &op : std::as_const(m_history.done)) {
            // One writer, nobody else saving: a busy, conflict or error answer is itself a failure.
            if (op.outcome != Outcome::Ok)
                problems.add(u"the writer was told %1 (%2): "_s.arg(outcomeName(op.outcome), op.message)
                             + describeOp(op));
            else if (!applied.contains(op.opId) || !store.isOperationApplied(op.opId))
                problems.add(u"logged as saved, not in the file: "_s + describeOp(op));
        }

        // Events: one for each applied operation, none for one that did not land.
        const auto events = store.eventsSince(0, 1'000'000);
        if (!events)
            return describe(events.error()).toUtf8();
        QHash<QUuid, int> eventCount;
        QHash<QUuid, qint64> createdCard;
        for (const Event &event : *events) {
            const QUuid opId = QUuid::fromString(event.opId);
            const auto begun = begunById.constFind(opId);
            if (begun == begunById.cend()) {
                if (event.actor != s_admin)
                    problems.add(u"event %1 (%2) by %3 from no begun operation"_s.arg(event.seq).arg(event.kind,
                                                                                                     event.actor));
                continue;
            }
            ++eventCount[opId];
            if (event.kind != eventKindFor(begun->kind)
                || (begun->kind != kind::create && event.cardId != begun->cardId))
                problems.add(u"event %1 is %2 on card %3 for "_s.arg(event.seq).arg(event.kind).arg(event.cardId)
                             + describeOp(*begun));
            if (begun->kind == kind::create)
                createdCard.insert(opId, event.cardId);
        }
        for (const LoggedOp &op : std::as_const(m_history.begun)) {
            if (eventCount.value(op.opId) != (applied.contains(op.opId) ? 1 : 0))
                problems.add(u"%1 events for "_s.arg(eventCount.value(op.opId)) + describeOp(op));
        }

        // Cards: the applied operations, in call order, make each card's version, fields and column.
        struct Expected
        {
            qint64 version = 1;
            QHash<QString, QString> fields;
            qint64 columnId = 0;
            int comments = 0;
            int items = 0;
            int attachments = 0;
        };
        QHash<qint64, Expected> expected;
        QHash<QString, qint64> commentOn;  // body -> card
        QHash<QString, qint64> itemOn;     // text -> card
        QHash<QString, LoggedOp> attachOf; // attachment name -> its operation
        QSet<qint64> ticked;
        int created = 0;
        for (const LoggedOp &op : std::as_const(m_history.begun)) {
            if (!applied.contains(op.opId))
                continue;
            if (op.kind == kind::create) {
                ++created;
                continue;
            }
            Expected &card = expected[op.cardId];
            ++card.version;
            const auto done = m_history.done.constFind(op.opId);
            if ((op.kind == kind::edit || op.kind == kind::move) && done != m_history.done.cend()
                && done->version != card.version)
                problems.add(u"made version %1, expected %2: "_s.arg(done->version).arg(card.version)
                             + describeOp(*done));
            if (op.kind == kind::edit) {
                card.fields[op.field] = op.value;
            } else if (op.kind == kind::move) {
                card.columnId = op.columnId;
            } else if (op.kind == kind::comment) {
                commentOn.insert(op.value, op.cardId);
                ++card.comments;
            } else if (op.kind == kind::checklistAdd) {
                itemOn.insert(op.value, op.cardId);
                ++card.items;
            } else if (op.kind == kind::tick) {
                ticked.insert(op.itemId);
            } else if (op.kind == kind::attach) {
                attachOf.insert(op.fileName, op);
                ++card.attachments;
            }
        }
        CardQuery everything;
        everything.includeArchived = true;
        everything.includeDeleted = true;
        const auto cards = store.cards(everything);
        if (!cards)
            return describe(cards.error()).toUtf8();
        if (cards->size() != s_seedCards + created)
            problems.add(u"%1 cards; %2 seeded and %3 created"_s.arg(cards->size()).arg(s_seedCards).arg(created));
        for (const LoggedOp &op : std::as_const(m_history.done)) {
            if (op.kind == kind::create && createdCard.value(op.opId) != op.itemId)
                problems.add(u"card %1 was not created by its operation: "_s.arg(op.itemId) + describeOp(op));
        }
        QSet<QString> comments;
        QSet<QString> items;
        QSet<QString> attachmentNames;
        for (const Card &card : *cards) {
            const Expected want = expected.value(card.id);
            if (card.version != want.version)
                problems.add(u"card %1 is at version %2, its applied changes make %3"_s.arg(card.id)
                                     .arg(card.version)
                                     .arg(want.version));
            for (auto it = want.fields.cbegin(); it != want.fields.cend(); ++it) {
                const QString have = it.key() == u"title"         ? card.title
                                     : it.key() == u"description" ? card.description
                                                                  : card.requester;
                if (have != it.value())
                    problems.add(u"card %1's %2 is “%3”, the last applied edit set “%4”"_s.arg(card.id).arg(
                            it.key(), have, it.value()));
            }
            if (want.columnId && card.columnId != want.columnId)
                problems.add(u"card %1 is in column %2, the last applied move took it to %3"_s.arg(card.id)
                                     .arg(card.columnId)
                                     .arg(want.columnId));
            const auto cardComments = store.comments(card.id);
            const auto cardItems = store.checklist(card.id);
            const auto cardAttachments = store.attachments(card.id);
            if (!cardComments || !cardItems || !cardAttachments)
                return u"cannot read card %1"_s.arg(card.id).toUtf8();
            for (const Comment &comment : *cardComments) {
                if (commentOn.value(comment.body) != card.id || comments.contains(comment.body))
                    problems.add(
                            u"comment “%1” on card %2 is not one applied once there"_s.arg(comment.body).arg(card.id));
                comments.insert(comment.body);
            }
            for (const ChecklistItem &item : *cardItems) {
                if (itemOn.value(item.text) != card.id || items.contains(item.text))
                    problems.add(u"item “%1” on card %2 is not one applied once there"_s.arg(item.text).arg(card.id));
                if (item.done != ticked.contains(item.id))
                    problems.add(u"item %1 is %2, its applied operations say otherwise"_s.arg(item.id).arg(
                            item.done ? u"ticked"_s : u"not ticked"_s));
                items.insert(item.text);
            }
            if (cardComments->size() != want.comments || cardItems->size() != want.items
                || cardAttachments->size() != want.attachments)
                problems.add(u"card %1 has %2 comments, %3 items, %4 attachments; applied: %5, %6, %7"_s.arg(card.id)
                                     .arg(cardComments->size())
                                     .arg(cardItems->size())
                                     .arg(cardAttachments->size())
                                     .arg(want.comments)
                                     .arg(want.items)
                                     .arg(want.attachments));
            if (card.attachmentCount != cardAttachments->size())
                problems.add(u"card %1 counts %2 attachments and lists %3"_s.arg(card.id)
                                     .arg(card.attachmentCount)
                                     .arg(cardAttachments->size()));

            // Attachments as the card editor lists them: each one whole, as its file, read through the store.
            for (const Attachment &attachment : *cardAttachments) {
                ++m_attachmentsListed;
                const auto op = attachOf.constFind(attachment.name);
                if (op == attachOf.cend() || op->cardId != card.id || attachmentNames.contains(attachment.name)) {
                    problems.add(u"attachment %1 (%2) on card %3 is not one applied once there"_s.arg(attachment.id)
                                         .arg(attachment.name)
                                         .arg(card.id));
                    continue;
                }
                attachmentNames.insert(attachment.name);
                const auto source = sourceOf(attachment.name);
                if (source.second.isEmpty()) {
                    problems.add(u"no source file for attachment %1"_s.arg(attachment.name));
                    continue;
                }
                if (attachment.state != AttachmentState::Ready || attachment.size != source.first
                    || attachment.sha256 != source.second || op->sha256 != source.second) {
                    problems.add(u"attachment %1 (%2) is listed as %3 bytes, SHA-256 %4; its file has %5, %6"_s
                                         .arg(attachment.id)
                                         .arg(attachment.name)
                                         .arg(attachment.size)
                                         .arg(QString::fromLatin1(attachment.sha256))
                                         .arg(source.first)
                                         .arg(QString::fromLatin1(source.second)));
                    continue;
                }
                // Read through the store when new, and each one again every tenth round (and all at the end);
                // verify() above checks every listed attachment's stored size each round.
                if (!readAll && m_readBack.contains(attachment.id) && (attachment.id + round) % 10 != 0)
                    continue;
                QElapsedTimer reading;
                reading.start();
                QBuffer stored;
                stored.open(QIODevice::WriteOnly);
                const auto read = store.readAttachment(attachment.id, &stored);
                m_bytesReadBack += stored.size();
                if (!read || stored.size() != source.first
                    || QCryptographicHash::hash(stored.data(), QCryptographicHash::Sha256).toHex() != source.second)
                    problems.add(u"attachment %1 (%2) does not read back as its file (%3 of %4 bytes): %5"_s
                                         .arg(attachment.id)
                                         .arg(attachment.name)
                                         .arg(stored.size())
                                         .arg(source.first)
                                         .arg(describe(read)));
                m_readBack.insert(attachment.id);
                m_readBackMs += reading.elapsed();
            }
        }
        if (comments.size() != commentOn.size() || items.size() != itemOn.size()
            || attachmentNames.size() != attachOf.size())
            problems.add(
                    u"the board has %1 comments, %2 items, %3 attachments; applied: %4, %5, %6"_s.arg(comments.size())
                            .arg(items.size())
                            .arg(attachmentNames.size())
                            .arg(commentOn.size())
                            .arg(itemOn.size())
                            .arg(attachOf.size()));
        const RawResult uploading = rawSql(m_path, {u"SELECT count(*) FROM attachments WHERE state = 'uploading'"_s});
        m_abandonedUploads = uploading.rows.isEmpty() ? -1 : uploading.rows.constFirst().constFirst().toInt();
        return problems.report();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qInfo("working in %s", qPrintable(m_dir.path()));
        QVERIFY2(QFile::exists(driverProgram()), qPrintable(driverProgram() + u" is missing"_s));
    }

    void shouldKeepEverySavedChangeWhenTheWriterIsKilled()
    {
        // GIVEN a board with a few cards and one editor's writer
        m_path = m_dir.filePath(u"crash.helpboard"_s);
        m_folder = m_dir.filePath(u"files"_s);
        QVERIFY(QDir().mkpath(m_folder));
        {
            auto created = BoardStore::create(m_path, u"Crash"_s, optionsFor(s_admin));
            QVERIFY2(created, qPrintable(describe(created)));
            BoardStore &admin = *created.value();
            QVERIFY(admin.setMember(s_writer, Role::Editor));
            const auto columns = admin.columns().value();
            for (int i = 0; i < s_seedCards; ++i) {
                NewCard card;
                card.columnId = columns.at(i % columns.size()).id;
                card.title = u"Seed card %1"_s.arg(i);
                QVERIFY(admin.createCard(card));
            }
        }
        const quint32 seed = stressSeed(QRandomGenerator::global()->generate());
        qInfo("seed %u (HELPBOARD_STRESS_SEED=%u repeats the kill delays and seeds the writer's choices)", seed, seed);
        QRandomGenerator random(seed);

        QElapsedTimer wall;
        wall.start();
        qint64 checkMs = 0;
        for (int round = 0; round < s_rounds; ++round) {
            // WHEN the writer works for a random moment and is killed
            const QString log = m_dir.filePath(u"round-%1.log"_s.arg(round));
            QProcess writer;
            writer.setProgram(driverProgram());
            writer.setArguments({u"crash"_s, u"--board"_s, m_path, u"--as"_s, s_writer, u"--log"_s, log, u"--folder"_s,
                                 m_folder, u"--seed"_s, QString::number(seed + quint32(round) + 1), u"--round"_s,
                                 QString::number(round)});
            writer.start();
            while (!writer.canReadLine()) {
                QVERIFY2(
                        writer.waitForReadyRead(s_startTimeoutMs),
                        qPrintable(u"round %1: %2"_s.arg(round).arg(QString::fromUtf8(writer.readAllStandardError()))));
            }
            QCOMPARE(writer.readLine().trimmed(), QByteArray("started"));
            QThread::msleep(s_minDelayMs + random.bounded(s_maxDelayMs - s_minDelayMs + 1));
            writer.kill();
            QVERIFY(writer.waitForFinished(10'000));
            QVERIFY2(writer.exitStatus() == QProcess::CrashExit,
                     qPrintable(u"round %1: the writer stopped by itself: %2"_s.arg(round).arg(
                             QString::fromUtf8(writer.readAllStandardError()))));

            QString error;
            const QList<LoggedOp> records = readLog(log, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            LoggedOp last;
            for (const LoggedOp &op : records) {
                if (op.begin) {
                    m_history.begun << op;
                    last = op;
                } else {
                    m_history.done.insert(op.opId, op);
                }
            }
            if (!last.opId.isNull() && !m_history.done.contains(last.opId))
                m_history.inFlight.insert(last.opId);

            // THEN the board is whole and holds what the writer was told it saved
            QElapsedTimer check;
            check.start();
            const QByteArray problems = checkBoard(round, false);
            checkMs += check.elapsed();
            QVERIFY2(problems.isEmpty(),
                     qPrintable(u"round %1 (seed %2):\n"_s.arg(round).arg(seed) + QString::fromUtf8(problems)));
        }
        const RawResult applied = rawSql(m_path, {u"SELECT op_id FROM operations"_s});
        QSet<QString> appliedIds;
        for (const QVariantList &row : applied.rows)
            appliedIds.insert(row.at(0).toString());
        for (const QUuid &op : std::as_const(m_history.inFlight)) {
            if (appliedIds.contains(op.toString(QUuid::WithoutBraces)))
                ++m_landedUnlogged;
            else
                ++m_rolledBack;
        }
        qInfo("%d rounds in %lld ms (checks %lld ms, of which verify() %lld ms and reading attachments back %lld ms)",
              s_rounds, wall.elapsed(), checkMs, m_verifyMs, m_readBackMs);
        qInfo("%lld calls, %lld logged as saved; killed mid-call %lld times (%d had landed before their log line, %d "
              "rolled back); %d uploads left unfinished; %d attachment listings checked, %lld MiB read back",
              qint64(m_history.begun.size()), qint64(m_history.done.size()), qint64(m_history.inFlight.size()),
              m_landedUnlogged, m_rolledBack, m_abandonedUploads, m_attachmentsListed, m_bytesReadBack >> 20);
        // The kills landed inside calls (not only between them), so the test saw interrupted saves.
        // (About 60 % of the kills land inside a call, the rest between calls or while a file is prepared.)
        QVERIFY2(m_history.inFlight.size() >= s_rounds / 5, "the kills did not interrupt saves");
        QVERIFY2(m_history.done.size() >= s_rounds, "the writer saved too little to test anything");

        // THEN cleaning up the abandoned uploads leaves every listed attachment whole
        {
            auto store = BoardStore::open(m_path, optionsFor(s_admin, 10'000));
            QVERIFY2(store, qPrintable(describe(store)));
            const auto purged = store.value()->purgeAbandonedUploads(0);
            QVERIFY2(purged, qPrintable(describe(purged)));
            QCOMPARE(*purged, m_abandonedUploads);
        }
        const QByteArray problems = checkBoard(s_rounds, true);
        QVERIFY2(problems.isEmpty(), problems.constData());
        QCOMPARE(m_abandonedUploads, 0);
    }
};

QTEST_GUILESS_MAIN(tst_Crash)
#include "tst_crash.moc"

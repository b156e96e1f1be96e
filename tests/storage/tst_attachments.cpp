// SPDX-License-Identifier: GPL-3.0-or-later
// Attachments stored inside the board: streamed in chunks, one transaction each, deduplicated, checked by SHA-256.
#include "support/testsupport.h"

#include <storage/boardstore.h>

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <vector>

using namespace hb::tests;
using namespace hb::storage;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 s_chunkSize = 512 * 1024;    // what the store writes per transaction
constexpr qint64 s_minChunkSize = 256 * 1024; // DESIGN.md: chunks of 256 KiB to 1 MiB (but the last)
constexpr qint64 s_maxChunkSize = 1024 * 1024;
constexpr qint64 s_pieceSize = 1024 * 1024; // how much of a test file is in memory at once

const QString s_admin = u"alice"_s;

QByteArray sha256Of(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

/// Writes @p size pseudo-random bytes from @p seed to @p path, one piece at a time; returns their SHA-256 (hex).
QByteArray writeRandomFile(const QString &path, qint64 size, quint32 seed)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QRandomGenerator generator(seed);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    std::vector<quint32> words(s_pieceSize / sizeof(quint32));
    for (qint64 written = 0; written < size;) {
        generator.fillRange(words.data(), qsizetype(words.size()));
        const qint64 piece = std::min(size - written, s_pieceSize);
        const char *bytes = reinterpret_cast<const char *>(words.data());
        if (file.write(bytes, piece) != piece)
            return {};
        hash.addData(QByteArrayView(bytes, piece));
        written += piece;
    }
    return hash.result().toHex();
}

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

/// The one value a raw single-row, single-column query returns, or an invalid QVariant with @p error set.
QVariant rawValue(const QString &path, const QString &sql, QString *error)
{
    const RawResult result = rawSql(path, {sql});
    *error = result.error;
    if (!result.error.isEmpty() || result.rows.isEmpty() || result.rows.constFirst().isEmpty())
        return {};
    return result.rows.constFirst().constFirst();
}

} // namespace

class tst_Attachments : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<BoardStore> m_store;
    QString m_boardPath;
    qint64 m_columnId = 0;
    qint64 m_cardId = 0;

    QString filePath(const QString &name) const { return m_dir->filePath(name); }

    /// Counts rows of the board with a plain, separate connection: `SELECT count(*) FROM <from>`.
    qint64 countRows(const QString &from)
    {
        QString error;
        const QVariant count = rawValue(m_boardPath, u"SELECT count(*) FROM "_s + from, &error);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return count.isValid() ? count.toLongLong() : -1;
    }

    Result<qint64> newCard(BoardStore &store, const QString &title)
    {
        NewCard card;
        card.columnId = m_columnId;
        card.title = title;
        return store.createCard(card);
    }

    QStringList eventKinds(qint64 cardId)
    {
        QStringList kinds;
        auto history = m_store->cardHistory(cardId);
        if (history) {
            for (const Event &event : *history)
                kinds << event.kind;
        }
        return kinds;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_boardPath = filePath(u"board.helpboard"_s);
        auto store = BoardStore::create(m_boardPath, u"Help desk"_s, optionsFor(s_admin));
        QVERIFY2(store, qPrintable(describe(store)));
        m_store = std::move(store).value();
        auto columns = m_store->columns();
        QVERIFY2(columns && !columns->isEmpty(), "a new board has no columns");
        m_columnId = columns->constFirst().id;
        auto card = newCard(*m_store, u"Printer manual"_s);
        QVERIFY2(card, qPrintable(describe(card)));
        m_cardId = *card;
    }

    void cleanup()
    {
        // Whatever a test did, the file stays sound: integrity, foreign keys, and every ready attachment complete.
        if (m_store) {
            auto problems = m_store->verify();
            QVERIFY2(problems, qPrintable(describe(problems)));
            QVERIFY2(problems->isEmpty(), qPrintable(problems->join(u"\n"_s)));
        }
        m_store.reset();
        m_dir.reset();
    }

    void shouldRoundTripLargeFileInChunksOthersCanWriteBetween()
    {
        // GIVEN a 20 MB file of random bytes (not a multiple of the chunk size)
        constexpr qint64 size = 20'000'000;
        const QString source = filePath(u"manual.bin"_s);
        const QByteArray expectedHash = writeRandomFile(source, size, 42);
        QVERIFY(!expectedHash.isEmpty());

        // WHEN it is attached, and half-way through another user opens the board and creates a card
        QString midUploadProblem = u"the progress callback never reached the middle of the upload"_s;
        qint64 lastDone = 0;
        int calls = 0;
        bool monotonic = true;
        const auto progress = [&](qint64 done, qint64 total) {
            ++calls;
            monotonic = monotonic && done > lastDone && total == size;
            lastDone = done;
            if (calls > 1 && done >= total / 2 && midUploadProblem.startsWith(u"the progress callback"_s)) {
                // If the upload held one long transaction, this open (write probe, join) and this card would
                // wait 2 s and fail with Busy.
                auto other = BoardStore::open(m_boardPath, optionsFor(u"bob"_s, 2000));
                if (!other) {
                    midUploadProblem = u"a second user could not open the board mid-upload: "_s + describe(other);
                    return true;
                }
                auto card = newCard(*other.value(), u"Written during the upload"_s);
                midUploadProblem = card ? QString() : u"a second user could not write mid-upload: "_s + describe(card);
            }
            return true;
        };
        auto id = m_store->addAttachment(m_cardId, source, {}, progress);

        // THEN it is stored, and the other user's card went in while the upload ran
        QVERIFY2(id, qPrintable(describe(id)));
        QVERIFY2(midUploadProblem.isEmpty(), qPrintable(midUploadProblem));
        QVERIFY(monotonic);
        QCOMPARE(lastDone, size);
        QCOMPARE(calls, int((size + s_chunkSize - 1) / s_chunkSize));
        auto cards = m_store->cards();
        QVERIFY(cards);
        QCOMPARE(cards->size(), 2);

        // AND the row carries the content's hash and size
        auto stored = m_store->attachment(*id);
        QVERIFY2(stored, qPrintable(describe(stored)));
        QCOMPARE(stored->sha256, expectedHash);
        QCOMPARE(stored->size, size);
        QCOMPARE(stored->kind, AttachmentKind::File);
        QCOMPARE(stored->state, AttachmentState::Ready);
        QCOMPARE(stored->name, u"manual.bin"_s);
        QCOMPARE(stored->cardId, m_cardId);
        auto listed = m_store->attachments(m_cardId);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->constFirst().id, *id);

        // AND the content sits in ceil(size / 512 KiB) chunks of at most 1 MiB
        const RawResult chunks = rawSql(m_boardPath, {u"SELECT count(*), max(length(data)), sum(length(data)), "
                                                      u"min(seq), max(seq) FROM attachment_chunks "
                                                      u"WHERE sha256 = '%1'"_s.arg(QString::fromLatin1(expectedHash))});
        QVERIFY2(chunks.error.isEmpty(), qPrintable(chunks.error));
        const QVariantList layout = chunks.rows.value(0);
        QCOMPARE(layout.value(0).toLongLong(), (size + s_chunkSize - 1) / s_chunkSize);
        QVERIFY(layout.value(1).toLongLong() <= s_maxChunkSize);
        QCOMPARE(layout.value(2).toLongLong(), size);
        QCOMPARE(layout.value(3).toLongLong(), 0);
        QCOMPARE(layout.value(4).toLongLong(), layout.value(0).toLongLong() - 1);
        const QString smallChunks = u"attachment_chunks WHERE sha256 = '%1' AND seq < %2 AND length(data) < %3"_s.arg(
                QString::fromLatin1(expectedHash), layout.value(4).toString(), QString::number(s_minChunkSize));
        QCOMPARE(countRows(smallChunks), 0);

        // AND saving it back gives the same bytes
        const QString saved = filePath(u"saved.bin"_s);
        auto written = m_store->saveAttachment(*id, saved);
        QVERIFY2(written, qPrintable(describe(written)));
        QCOMPARE(QFileInfo(saved).size(), size);
        QCOMPARE(sha256Of(saved), expectedHash);
        QVERIFY(eventKinds(m_cardId).contains(u"attachment.added"_s));
    }

    void shouldMakeOthersWaitWhileOneTransactionIsOpen()
    {
        // The control for the test above: a writer that holds the file does make a second user's write fail, so
        // their success during an upload does prove the upload commits chunk by chunk. Opening (reading) still works.
        auto opened = BoardStore::open(m_boardPath, optionsFor(u"carol"_s, 300));
        QVERIFY2(opened, qPrintable(describe(opened)));
        BoardStore &writer = *opened.value();
        const QString name = u"holder"_s;
        {
            QSqlDatabase holder = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            holder.setDatabaseName(m_boardPath);
            QVERIFY(holder.open());
            {
                QSqlQuery begin(holder);
                QVERIFY2(begin.exec(u"BEGIN IMMEDIATE"_s), qPrintable(begin.lastError().text()));
            }
            auto other = BoardStore::open(m_boardPath, optionsFor(u"bob"_s, 300));
            QVERIFY2(other, qPrintable(describe(other)));
            QVERIFY(!other.value()->isReadOnly());
            auto blocked = newCard(*other.value(), u"Blocked too"_s);
            QVERIFY2(!blocked, "a write went through while another connection held a write transaction");
            QCOMPARE(blocked.error().kind, ErrorKind::Busy);
            auto card = newCard(writer, u"Blocked"_s);
            QVERIFY2(!card, "a write went through while another connection held a write transaction");
            QCOMPARE(card.error().kind, ErrorKind::Busy);
            {
                QSqlQuery rollback(holder);
                QVERIFY(rollback.exec(u"ROLLBACK"_s));
            }
            holder.close();
        }
        QSqlDatabase::removeDatabase(name);
        auto card = newCard(writer, u"After the other writer"_s);
        QVERIFY2(card, qPrintable(describe(card)));
    }

    void shouldKeepUploadInvisibleUntilReady()
    {
        // GIVEN a 3 MB file being attached
        const QString source = filePath(u"drivers.zip"_s);
        QVERIFY(!writeRandomFile(source, 3 * 1024 * 1024 + 7, 7).isEmpty());
        QStringList seen;
        const auto progress = [&](qint64 done, qint64 total) {
            if (done >= total)
                return true;
            // WHEN another user looks at the card while chunks are still coming in
            auto other = BoardStore::open(m_boardPath, optionsFor(u"bob"_s, 2000));
            if (!other) {
                seen << u"open failed: "_s + describe(other);
                return true;
            }
            auto listed = other.value()->attachments(m_cardId);
            QString error;
            const QVariant state =
                    rawValue(m_boardPath,
                             u"SELECT group_concat(state) FROM attachments WHERE card_id = %1"_s.arg(m_cardId), &error);
            seen << (listed ? QString::number(listed->size()) : describe(listed)) + u'/' + state.toString() + error;
            return true;
        };
        auto id = m_store->addAttachment(m_cardId, source, u"Drivers"_s, progress);
        QVERIFY2(id, qPrintable(describe(id)));

        // THEN the row existed as 'uploading' but was never listed; once ready, it is
        QCOMPARE(seen.size(), 6);
        for (const QString &observation : std::as_const(seen))
            QCOMPARE(observation, u"0/uploading"_s);
        auto listed = m_store->attachments(m_cardId);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->constFirst().name, u"Drivers"_s);
        QCOMPARE(countRows(u"attachments WHERE state = 'uploading'"_s), 0);
    }

    void shouldLeaveNothingVisibleWhenUploadIsCancelled_data()
    {
        QTest::addColumn<int>("cancelAtCall");
        QTest::newRow("after the first chunk") << 1;
        QTest::newRow("after a middle chunk") << 2;
        QTest::newRow("after the last chunk") << 4;
    }

    void shouldLeaveNothingVisibleWhenUploadIsCancelled()
    {
        QFETCH(int, cancelAtCall);
        // GIVEN a four-chunk file
        const QString source = filePath(u"image.iso"_s);
        const QByteArray hash = writeRandomFile(source, 3 * s_chunkSize + 100, 3);
        QVERIFY(!hash.isEmpty());

        // WHEN the user cancels from the progress callback
        int calls = 0;
        auto cancelled =
                m_store->addAttachment(m_cardId, source, {}, [&](qint64, qint64) { return ++calls < cancelAtCall; });

        // THEN the call fails, nothing is listed, no row is left 'uploading' and no event was written
        QVERIFY2(!cancelled, "a cancelled upload reported success");
        QCOMPARE(calls, cancelAtCall);
        QVERIFY2(cancelled.error().message.contains(u"cancelled"_s), qPrintable(cancelled.error().message));
        auto listed = m_store->attachments(m_cardId);
        QVERIFY(listed);
        QVERIFY(listed->isEmpty());
        QCOMPARE(countRows(u"attachments"_s), 0);
        QVERIFY(!eventKinds(m_cardId).contains(u"attachment.added"_s));
        // AND none of what it stored stays in the file
        QCOMPARE(countRows(u"attachment_chunks"_s), 0);

        // AND the same file can be attached again afterwards, completely
        auto id = m_store->addAttachment(m_cardId, source);
        QVERIFY2(id, qPrintable(describe(id)));
        const QString saved = filePath(u"saved.iso"_s);
        QVERIFY(m_store->saveAttachment(*id, saved));
        QCOMPARE(sha256Of(saved), hash);
        QCOMPARE(countRows(u"attachment_chunks WHERE sha256 = '%1'"_s.arg(QString::fromLatin1(hash))), 4);
    }

    void shouldKeepTheChunksOfAColleaguesUploadOfTheSameFileWhenMineIsCancelled()
    {
        // GIVEN a colleague's upload of this very file, under way (its row names the content, as uploading)
        const QString source = filePath(u"driver.zip"_s);
        const QByteArray hash = writeRandomFile(source, 3 * s_chunkSize + 10, 9);
        QCOMPARE(
                rawSql(m_boardPath, {u"INSERT INTO attachments (card_id, kind, name, sha256, size, state, created_at, "
                                     u"created_by) VALUES (%1, 'file', 'driver.zip', '%2', %3, 'uploading', 1, 'ben')"_s
                                             .arg(m_cardId)
                                             .arg(QString::fromLatin1(hash))
                                             .arg(3 * s_chunkSize + 10)})
                        .error,
                QString());
        // WHEN mine stores two chunks and is cancelled
        int calls = 0;
        QVERIFY(!m_store->addAttachment(m_cardId, source, {}, [&](qint64, qint64) { return ++calls < 2; }));
        // THEN the chunks stay for the colleague's upload, which names them
        QCOMPARE(countRows(u"attachment_chunks WHERE sha256 = '%1'"_s.arg(QString::fromLatin1(hash))), 2);
        QCOMPARE(countRows(u"attachments"_s), 1);
    }

    void shouldDiscardUploadWhenFileChangesMidway()
    {
        // GIVEN a three-chunk file
        const QString source = filePath(u"log.txt"_s);
        const QByteArray original = randomBytes(3 * s_chunkSize - 10, 31);
        QVERIFY(writeFile(source, original));

        // WHEN someone rewrites it (same size, other bytes) after the first chunk went in
        bool rewritten = false;
        auto failed = m_store->addAttachment(m_cardId, source, {}, [&](qint64, qint64) {
            if (!rewritten)
                rewritten = writeFile(source, randomBytes(original.size(), 32));
            return true;
        });

        // THEN the attachment fails, leaves no 'uploading' row and no chunks that do not match their hash
        QVERIFY(rewritten);
        QVERIFY2(!failed, "a file that changed during the upload was attached");
        QCOMPARE(failed.error().kind, ErrorKind::Io);
        QVERIFY2(failed.error().message.contains(u"log.txt"_s), qPrintable(failed.error().message));
        QCOMPARE(countRows(u"attachments"_s), 0);
        QCOMPARE(countRows(u"attachment_chunks WHERE sha256 = '%1'"_s.arg(QString::fromLatin1(sha256Of(original)))), 0);

        // AND once the original content is back, it attaches and reads back correctly
        QVERIFY(writeFile(source, original));
        auto id = m_store->addAttachment(m_cardId, source);
        QVERIFY2(id, qPrintable(describe(id)));
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        auto read = m_store->readAttachment(*id, &buffer);
        QVERIFY2(read, qPrintable(describe(read)));
        QCOMPARE(buffer.data(), original);
    }

    void shouldStoreIdenticalContentOnce()
    {
        // GIVEN two cards and one 1.2 MB file
        auto secondCard = newCard(*m_store, u"Second printer"_s);
        QVERIFY(secondCard);
        const QByteArray content = randomBytes(1'200'000, 11);
        const QString source = filePath(u"manual.pdf"_s);
        QVERIFY(writeFile(source, content));

        // WHEN the same content is attached to both (the second time under another name)
        auto first = m_store->addAttachment(m_cardId, source);
        QVERIFY2(first, qPrintable(describe(first)));
        auto second = m_store->addAttachment(*secondCard, source, u"Copy of the manual"_s);
        QVERIFY2(second, qPrintable(describe(second)));

        // THEN there are two attachments but one set of chunks
        QVERIFY(*first != *second);
        const QString hash = QString::fromLatin1(sha256Of(content));
        QCOMPARE(m_store->attachment(*first)->sha256, hash.toLatin1());
        QCOMPARE(m_store->attachment(*second)->sha256, hash.toLatin1());
        QCOMPARE(countRows(u"attachment_chunks WHERE sha256 = '%1'"_s.arg(hash)), 3);
        QCOMPARE(countRows(u"attachment_chunks"_s), 3);

        // AND both read back byte for byte
        for (qint64 id : {*first, *second}) {
            QBuffer buffer;
            QVERIFY(buffer.open(QIODevice::WriteOnly));
            auto read = m_store->readAttachment(id, &buffer);
            QVERIFY2(read, qPrintable(describe(read)));
            QCOMPARE(buffer.data(), content);
        }

        // AND removing one and purging keeps the shared chunks for the other
        QVERIFY(m_store->removeAttachment(*first));
        auto purged = m_store->purgeAbandonedUploads(0);
        QVERIFY2(purged, qPrintable(describe(purged)));
        QCOMPARE(countRows(u"attachment_chunks"_s), 3);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(m_store->readAttachment(*second, &buffer));
        QCOMPARE(buffer.data(), content);
    }

    void shouldRefuseFilesOverTheBoardLimit()
    {
        // GIVEN a board whose limit is 1000 bytes
        auto set = m_store->setSetting(u"attachment_limit_bytes"_s, u"1000"_s);
        QVERIFY2(set, qPrintable(describe(set)));
        QCOMPARE(m_store->attachmentLimit().value(), 1000);
        const QString tooBig = filePath(u"big.log"_s);
        QVERIFY(writeFile(tooBig, randomBytes(2000, 5)));

        // WHEN a 2000-byte file is attached
        auto refused = m_store->addAttachment(m_cardId, tooBig);

        // THEN it is Invalid, the message names the file and the limit, and nothing was recorded
        QVERIFY2(!refused, "a file over the limit was attached");
        QCOMPARE(refused.error().kind, ErrorKind::Invalid);
        QVERIFY2(refused.error().message.contains(u"big.log"_s), qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(u"1000"_s), qPrintable(refused.error().message));
        QCOMPARE(countRows(u"attachments"_s), 0);
        QCOMPARE(countRows(u"attachment_chunks"_s), 0);

        // AND a file of exactly the limit is accepted
        const QString atLimit = filePath(u"small.log"_s);
        QVERIFY(writeFile(atLimit, randomBytes(1000, 6)));
        auto accepted = m_store->addAttachment(m_cardId, atLimit);
        QVERIFY2(accepted, qPrintable(describe(accepted)));
    }

    void shouldRefuseSourcesThatCannotBeRead_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addColumn<bool>("isDirectory");
        QTest::newRow("vanished file") << u"gone.pdf"_s << false;
        QTest::newRow("directory") << u"folder.pdf"_s << true;
    }

    void shouldRefuseSourcesThatCannotBeRead()
    {
        QFETCH(QString, relativePath);
        QFETCH(bool, isDirectory);
        // GIVEN a path that is missing, or is a folder
        const QString path = filePath(relativePath);
        if (isDirectory)
            QVERIFY(QDir().mkdir(path));
        const auto eventsBefore = m_store->lastEventSeq();
        QVERIFY(eventsBefore);

        // WHEN it is attached
        auto refused = m_store->addAttachment(m_cardId, path);

        // THEN it is NotFound with the path in the message, and nothing was recorded
        QVERIFY2(!refused, "attaching an unreadable source succeeded");
        QCOMPARE(refused.error().kind, ErrorKind::NotFound);
        QVERIFY2(refused.error().message.contains(relativePath), qPrintable(refused.error().message));
        QCOMPARE(countRows(u"attachments"_s), 0);
        QCOMPARE(countRows(u"attachment_chunks"_s), 0);
        QCOMPARE(m_store->lastEventSeq().value(), *eventsBefore);
    }

    void shouldStoreLinksWithoutContent()
    {
        // GIVEN a path on the share
        const QString sharePath = u"/srv/share/manuals/HP LaserJet 4200.pdf"_s;

        // WHEN it is linked to the card
        auto id = m_store->addLink(m_cardId, sharePath);
        QVERIFY2(id, qPrintable(describe(id)));

        // THEN it is listed as a link with its path and file name, stores no bytes, and cannot be read as a file
        auto listed = m_store->attachments(m_cardId);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        const Attachment link = listed->constFirst();
        QCOMPARE(link.id, *id);
        QCOMPARE(link.kind, AttachmentKind::Link);
        QCOMPARE(link.linkPath, sharePath);
        QCOMPARE(link.name, u"HP LaserJet 4200.pdf"_s);
        QString error;
        QCOMPARE(rawValue(m_boardPath, u"SELECT kind || '|' || link_path FROM attachments WHERE id = %1"_s.arg(*id),
                          &error)
                         .toString(),
                 u"link|"_s + sharePath);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(countRows(u"attachment_chunks"_s), 0);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        auto read = m_store->readAttachment(*id, &buffer);
        QVERIFY2(!read, "a link was read as stored content");
        QCOMPARE(read.error().kind, ErrorKind::Invalid);
        QVERIFY(buffer.data().isEmpty());
        const QString target = filePath(u"saved.pdf"_s);
        auto saved = m_store->saveAttachment(*id, target);
        QVERIFY(!saved);
        QCOMPARE(saved.error().kind, ErrorKind::Invalid);
        QVERIFY(!QFile::exists(target));
        QVERIFY(eventKinds(m_cardId).contains(u"attachment.linked"_s));
    }

    void shouldHideRemovedAttachmentAndRecordIt()
    {
        // GIVEN an attached file
        const QString source = filePath(u"notes.txt"_s);
        QVERIFY(writeFile(source, "Toner is in the cupboard.\n"));
        auto id = m_store->addAttachment(m_cardId, source);
        QVERIFY2(id, qPrintable(describe(id)));

        // WHEN it is removed
        auto removed = m_store->removeAttachment(*id);
        QVERIFY2(removed, qPrintable(describe(removed)));

        // THEN it is no longer listed nor readable, and the card's history says so
        auto listed = m_store->attachments(m_cardId);
        QVERIFY(listed);
        QVERIFY(listed->isEmpty());
        QCOMPARE(m_store->attachment(*id).error().kind, ErrorKind::NotFound);
        auto history = m_store->cardHistory(m_cardId);
        QVERIFY(history);
        QVERIFY(!history->isEmpty());
        const Event last = history->constLast();
        QCOMPARE(last.kind, u"attachment.removed"_s);
        QCOMPARE(last.actor, s_admin);
        QCOMPARE(QJsonDocument::fromJson(last.payload).object().value(u"attachment_id"_s).toInteger(), *id);

        // AND removing it again is NotFound
        QCOMPARE(m_store->removeAttachment(*id).error().kind, ErrorKind::NotFound);

        // AND undo brings it back, readable as it was, and says so in the history
        QVERIFY(m_store->restoreAttachment(*id));
        QCOMPARE(m_store->attachments(m_cardId)->size(), 1);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(m_store->readAttachment(*id, &buffer));
        QCOMPARE(buffer.data(), QByteArray("Toner is in the cupboard.\n"));
        QCOMPARE(m_store->cardHistory(m_cardId)->constLast().kind, u"attachment.restored"_s);
        QVERIFY(m_store->restoreAttachment(*id)); // already there: nothing to do
        QCOMPARE(m_store->card(m_cardId)->attachmentCount, 1);
    }

    void shouldNotRestoreAnAttachmentWhoseContentIsGone()
    {
        // GIVEN a removed attachment whose chunks a damaged purge took away
        const QString source = filePath(u"driver.txt"_s);
        QVERIFY(writeFile(source, "Driver 4.2 for the 3rd floor printer\n"));
        const qint64 id = m_store->addAttachment(m_cardId, source).value();
        QVERIFY(m_store->removeAttachment(id));
        m_store.reset();
        QCOMPARE(rawSql(m_boardPath, {u"DELETE FROM attachment_chunks"_s}).error, QString());
        m_store = BoardStore::open(m_boardPath, optionsFor(s_admin)).value();
        // WHEN it is restored, THEN that is refused with a message, and it stays removed
        const Status restored = m_store->restoreAttachment(id);
        QVERIFY(!restored);
        QCOMPARE(restored.error().kind, ErrorKind::NotFound);
        QVERIFY2(restored.error().message.contains(u"attach the file again"_s), qPrintable(restored.error().message));
        QVERIFY(m_store->attachments(m_cardId)->isEmpty());
        // AND an upload that never finished cannot be "restored" into view either
        QCOMPARE(m_store->restoreAttachment(987654).error().kind, ErrorKind::NotFound);
    }

    void shouldForbidViewersToChangeAttachments()
    {
        // GIVEN an attachment, and a viewer on the board
        const QString source = filePath(u"notes.txt"_s);
        QVERIFY(writeFile(source, "Call the vendor first.\n"));
        auto id = m_store->addAttachment(m_cardId, source);
        QVERIFY2(id, qPrintable(describe(id)));
        QVERIFY(m_store->setMember(u"vera"_s, Role::Viewer));
        auto opened = BoardStore::open(m_boardPath, optionsFor(u"vera"_s));
        QVERIFY2(opened, qPrintable(describe(opened)));
        BoardStore &viewer = *opened.value();
        QCOMPARE(viewer.role(), Role::Viewer);
        const qint64 attachmentsBefore = countRows(u"attachments"_s);

        // WHEN the viewer tries to add, link, remove or purge, THEN each is Forbidden
        QCOMPARE(viewer.addAttachment(m_cardId, source).error().kind, ErrorKind::Forbidden);
        QCOMPARE(viewer.addLink(m_cardId, u"/srv/share/x.pdf"_s).error().kind, ErrorKind::Forbidden);
        QCOMPARE(viewer.removeAttachment(*id).error().kind, ErrorKind::Forbidden);
        QCOMPARE(viewer.purgeAbandonedUploads(0).error().kind, ErrorKind::Forbidden);

        // AND nothing changed, while reading is still allowed
        QCOMPARE(countRows(u"attachments"_s), attachmentsBefore);
        QCOMPARE(m_store->attachments(m_cardId)->size(), 1);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(viewer.readAttachment(*id, &buffer));
        QCOMPARE(buffer.data(), QByteArray("Call the vendor first.\n"));
    }

    void shouldPurgeAbandonedUploadsAndUnusedChunks()
    {
        // GIVEN a ready attachment, a cancelled upload (which leaves nothing), the chunks of an upload whose process
        // was killed, an upload abandoned two hours ago and one still in progress
        const QByteArray kept = randomBytes(600'000, 21);
        const QString keptSource = filePath(u"kept.bin"_s);
        QVERIFY(writeFile(keptSource, kept));
        auto keptId = m_store->addAttachment(m_cardId, keptSource);
        QVERIFY2(keptId, qPrintable(describe(keptId)));

        const QString cancelledSource = filePath(u"cancelled.bin"_s);
        const QByteArray cancelledHash = writeRandomFile(cancelledSource, 2 * s_chunkSize, 22);
        auto cancelled = m_store->addAttachment(m_cardId, cancelledSource, {}, [](qint64, qint64) { return false; });
        QVERIFY(!cancelled);
        const QString cancelledChunks =
                u"attachment_chunks WHERE sha256 = '%1'"_s.arg(QString::fromLatin1(cancelledHash));
        QCOMPARE(countRows(cancelledChunks), 0);

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 twoHoursAgo = now - 2 * 3600 * 1000;
        const RawResult injected =
                rawSql(m_boardPath,
                       {u"INSERT INTO attachments (card_id, kind, name, sha256, size, state, created_at, created_by) "
                        u"VALUES (%1, 'file', 'stale.bin', 'stale', 10, 'uploading', %2, 'bob'), "
                        u"(%1, 'file', 'fresh.bin', 'fresh', 10, 'uploading', %3, 'carol')"_s.arg(m_cardId)
                                .arg(twoHoursAgo)
                                .arg(now),
                        u"INSERT INTO attachment_chunks (sha256, seq, data) VALUES ('stale', 0, x'0102'), "
                        u"('fresh', 0, x'0304'), ('killed', 0, x'05'), ('killed', 1, x'06')"_s});
        QVERIFY2(injected.error.isEmpty(), qPrintable(injected.error));

        // WHEN uploads older than an hour are purged
        auto purged = m_store->purgeAbandonedUploads(3600 * 1000);

        // THEN the stale row and the chunks nobody uses are gone; the fresh upload and the ready file stay
        QVERIFY2(purged, qPrintable(describe(purged)));
        QCOMPARE(*purged, 1);
        QCOMPARE(countRows(u"attachments WHERE name = 'stale.bin'"_s), 0);
        QCOMPARE(countRows(u"attachment_chunks WHERE sha256 = 'stale'"_s), 0);
        QCOMPARE(countRows(u"attachment_chunks WHERE sha256 = 'killed'"_s), 0);
        QCOMPARE(countRows(u"attachments WHERE name = 'fresh.bin' AND state = 'uploading'"_s), 1);
        QCOMPARE(countRows(u"attachment_chunks WHERE sha256 = 'fresh'"_s), 1);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        auto read = m_store->readAttachment(*keptId, &buffer);
        QVERIFY2(read, qPrintable(describe(read)));
        QCOMPARE(buffer.data(), kept);
    }

    void shouldRoundTripEmptyFile()
    {
        // GIVEN a 0-byte file
        const QString source = filePath(u"empty.txt"_s);
        QVERIFY(writeFile(source, {}));

        // WHEN it is attached and saved back
        auto id = m_store->addAttachment(m_cardId, source);
        QVERIFY2(id, qPrintable(describe(id)));
        const QString saved = filePath(u"saved.txt"_s);
        QVERIFY(writeFile(saved, "old content"));
        auto written = m_store->saveAttachment(*id, saved);

        // THEN it is listed with size 0 and the SHA-256 of nothing, and the saved file is empty
        QVERIFY2(written, qPrintable(describe(written)));
        auto stored = m_store->attachment(*id);
        QVERIFY2(stored, qPrintable(describe(stored)));
        QCOMPARE(stored->size, 0);
        QCOMPARE(stored->sha256, sha256Of(QByteArray()));
        QCOMPARE(m_store->attachments(m_cardId)->size(), 1);
        QVERIFY(QFile::exists(saved));
        QCOMPARE(QFileInfo(saved).size(), 0);
        QCOMPARE(countRows(u"attachment_chunks"_s), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Attachments)
#include "tst_attachments.moc"

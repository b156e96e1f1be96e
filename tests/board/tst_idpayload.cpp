// SPDX-License-Identifier: GPL-3.0-or-later
// Drag payloads: the reader of outside bytes (any program may drop anything), fuzzed; and the board model, which
// refuses cards dragged from another board's window instead of moving an unrelated card of its own.
#include <board/model/boardmodel.h>
#include <board/model/idpayload.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>
#include <support/testsupport.h>

#include <QAbstractItemModelTester>
#include <QDataStream>
#include <QElapsedTimer>
#include <QMimeData>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <memory>

using namespace hb;
using namespace Qt::StringLiterals;
using board::IdPayload;
using board::PayloadItem;

namespace {

const QUuid s_board = QUuid::fromString(u"6f1c2a52-3c1e-4f7e-9d55-0b8d1f1f2a10");
constexpr qsizetype s_header = 4 + 16 + 4;

/// A valid payload with its count field (bytes 20..23) set to @p count, whatever it has behind it.
QByteArray withCount(QByteArray bytes, quint32 count)
{
    qToBigEndian(count, bytes.data() + 20);
    return bytes;
}

QByteArray mutated(QByteArray bytes, QRandomGenerator &random)
{
    const int mutations = 1 + random.bounded(8);
    for (int i = 0; i < mutations; ++i) {
        const int size = int(bytes.size());
        switch (random.bounded(8)) {
        case 0: // one bit flipped
            if (size)
                bytes[random.bounded(size)] ^= char(1 << random.bounded(8));
            break;
        case 1: // one byte replaced
            if (size)
                bytes[random.bounded(size)] = char(random.bounded(256));
            break;
        case 2: // one byte inserted
            bytes.insert(random.bounded(size + 1), char(random.bounded(256)));
            break;
        case 3: // one byte taken out
            if (size)
                bytes.remove(random.bounded(size), 1);
            break;
        case 4: // cut short
            bytes.truncate(random.bounded(size + 1));
            break;
        case 5: // random bytes added
            for (int n = random.bounded(40); n > 0; --n)
                bytes.append(char(random.bounded(256)));
            break;
        case 6: // the count says something else (small, large or enormous)
            if (size >= s_header)
                bytes = withCount(bytes, random.bounded(2) ? random.generate() : quint32(random.bounded(16)));
            break;
        default: // a piece repeated
            if (size) {
                const int from = random.bounded(size);
                bytes.append(bytes.mid(from, random.bounded(size - from + 1)));
            }
            break;
        }
    }
    return bytes;
}

/// What ids-only payloads of HelpBoard before board UUIDs looked like.
QByteArray olderPayload(const QList<qint64> &ids)
{
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream << ids;
    return bytes;
}

} // namespace

class tst_IdPayload : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<storage::BoardStore> demoBoard(const QString &name)
    {
        auto store =
                storage::BoardStore::create(m_dir.filePath(name), u"IT Help Desk"_s, tests::optionsFor(u"alice"_s));
        if (!store || !storage::populateDemoBoard(**store))
            return {};
        return std::move(store).value();
    }

    static QMimeData *cardPayload(const QByteArray &bytes)
    {
        auto *data = new QMimeData;
        data->setData(board::BoardModel::mimeType(), bytes);
        return data;
    }

private Q_SLOTS:
    void shouldReadBackWhatItWrote_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("one") << 1;
        QTest::newRow("three") << 3;
        QTest::newRow("the most") << int(board::s_maxPayloadItems);
    }

    void shouldReadBackWhatItWrote()
    {
        QFETCH(int, count);
        IdPayload payload{s_board, {}};
        for (int i = 1; i <= count; ++i)
            payload.items << PayloadItem{i * 7919LL, 1'700'000'000'000LL + i};
        const QByteArray bytes = board::encodePayload(payload);
        QCOMPARE(bytes.size(), s_header + count * 16);
        QCOMPARE(board::decodePayload(bytes), payload);
    }

    void shouldRefuseWhatIsNotAPayload_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray good = board::encodePayload({s_board, {{5, 1000}, {6, 2000}}});
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("header only, no rows") << board::encodePayload({s_board, {}});
        QTest::newRow("another magic") << QByteArray("HBD2") + good.mid(4);
        QTest::newRow("cut in the header") << good.left(s_header - 1);
        QTest::newRow("cut in a row") << good.chopped(3);
        QTest::newRow("a byte after the last row") << good + 'x';
        QTest::newRow("count one more than there is") << withCount(good, 3);
        QTest::newRow("count one less") << withCount(good, 1);
        QTest::newRow("count 0xFFFFFFFF") << withCount(good, 0xFFFFFFFFu);
        QTest::newRow("count over the most")
                << withCount(good + QByteArray(board::s_maxPayloadItems * 16, 'a'), board::s_maxPayloadItems + 2);
        QTest::newRow("id 0") << board::encodePayload({s_board, {{0, 1000}}});
        QTest::newRow("negative id") << board::encodePayload({s_board, {{-5, 1000}}});
        QTest::newRow("an older HelpBoard's ids") << olderPayload({5, 6});
        QTest::newRow("text") << QByteArray("5 6");
    }

    void shouldRefuseWhatIsNotAPayload()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(board::decodePayload(bytes), std::nullopt);
        std::unique_ptr<QMimeData> data(cardPayload(bytes));
        QCOMPARE(board::payloadFromMimeData(data.get(), board::BoardModel::mimeType()), std::nullopt);
    }

    void shouldSurviveRandomAndMutatedPayloads()
    {
        // 100,000 inputs from a fixed seed: a quarter random bytes, the rest valid payloads mutated.
        QRandomGenerator random(20261206);
        QList<QByteArray> seeds;
        for (int count : {1, 2, 5, 40}) {
            IdPayload payload{QUuid::createUuidV5(s_board, QString::number(count)), {}};
            for (int i = 0; i < count; ++i)
                payload.items << PayloadItem{qint64(random.generate64() >> 1) | 1, qint64(random.generate64())};
            seeds << board::encodePayload(payload);
        }
        constexpr int s_inputs = 100'000;
        int accepted = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < s_inputs; ++i) {
            QByteArray bytes;
            if (i % 4 == 0) {
                bytes.resize(random.bounded(700));
                for (char &byte : bytes)
                    byte = char(random.bounded(256));
                if (random.bounded(2))
                    bytes.replace(0, std::min<qsizetype>(4, bytes.size()), "HBD1");
            } else {
                bytes = mutated(seeds.at(random.bounded(int(seeds.size()))), random);
            }
            const auto payload = board::decodePayload(bytes);
            if (!payload)
                continue;
            // What it accepts is exactly a payload: rows that are there, every id a real one, nothing left over.
            ++accepted;
            QVERIFY(!payload->items.isEmpty() && payload->items.size() <= board::s_maxPayloadItems);
            for (const PayloadItem &item : payload->items)
                QVERIFY(item.id > 0);
            QCOMPARE(board::encodePayload(*payload), bytes);
        }
        qInfo("%d inputs in %lld ms; %d read as payloads, the rest refused", s_inputs, timer.elapsed(), accepted);
        QVERIFY(accepted > 0);
        QVERIFY(accepted < s_inputs);
    }

    void shouldRefuseCardsDraggedFromAnotherBoard()
    {
        // GIVEN two boards with the same demo content (so the same card ids) in two models, as in two windows
        auto first = demoBoard(u"first.helpboard"_s);
        auto second = demoBoard(u"second.helpboard"_s);
        QVERIFY(first && second);
        board::BoardModel source;
        board::BoardModel target;
        QAbstractItemModelTester sourceTester(&source, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester targetTester(&target, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(source.load(*first));
        QVERIFY(target.load(*second));
        QVERIFY(!source.boardUuid().isNull());
        QVERIFY(source.boardUuid() != target.boardUuid());
        QList<qint64> dropped;
        target.setDropHandler([&](const QList<qint64> &ids, qint64, qint64) {
            dropped << ids;
            return true;
        });
        const QModelIndex todo = source.index(0, 0);
        const qint64 id = source.index(0, 0, todo).data(board::BoardModel::IdRole).toLongLong();
        QVERIFY(target.cardIndex(id).isValid()); // the other board has a card of that id
        std::unique_ptr<QMimeData> data(source.mimeData({source.index(0, 0, todo)}));
        QVERIFY(data);

        // WHEN the card is dropped on the other board's Done column, THEN it is refused, and nothing moves
        const QModelIndex done = target.index(2, 0);
        QVERIFY(!target.canDropMimeData(data.get(), Qt::MoveAction, 0, 0, done));
        QVERIFY(!target.dropMimeData(data.get(), Qt::MoveAction, 0, 0, done));
        QVERIFY(!target.dropMimeData(data.get(), Qt::MoveAction, -1, 0, target.index(0, 0, done)));
        QVERIFY(dropped.isEmpty());
        // AND an ids-only payload of an older HelpBoard is refused too
        std::unique_ptr<QMimeData> older(cardPayload(olderPayload({id})));
        QVERIFY(!target.dropMimeData(older.get(), Qt::MoveAction, 0, 0, done));
        QVERIFY(dropped.isEmpty());
        // AND the same drop on its own board goes through
        source.setDropHandler([&](const QList<qint64> &ids, qint64, qint64) {
            dropped << ids;
            return true;
        });
        QVERIFY(source.canDropMimeData(data.get(), Qt::MoveAction, 0, 0, source.index(2, 0)));
        QVERIFY(source.dropMimeData(data.get(), Qt::MoveAction, 0, 0, source.index(2, 0)));
        QCOMPARE(dropped, QList<qint64>{id});
    }

    void shouldRefuseACardOfACopyThatTheBoardHasNot()
    {
        // GIVEN a board and a copy of it (the same UUID: Save a Copy, a backup), each given a new card since, which
        // got the same id in both
        auto board = demoBoard(u"original.helpboard"_s);
        QVERIFY(board);
        const QString copyPath = m_dir.filePath(u"copy.helpboard"_s);
        QVERIFY(board->backupTo(copyPath));
        auto copy = storage::BoardStore::open(copyPath, tests::optionsFor(u"alice"_s));
        QVERIFY(copy);
        const qint64 todo = board->columns()->constFirst().id;
        storage::NewCard card;
        card.columnId = todo;
        card.title = u"Made here"_s;
        board->setClock([] { return 1'800'000'000'000LL; });
        (*copy)->setClock([] { return 1'800'000'000'001LL; });
        const qint64 here = board->createCard(card).value();
        card.title = u"Made in the copy"_s;
        QCOMPARE((*copy)->createCard(card).value(), here);
        board::BoardModel original;
        board::BoardModel copied;
        QAbstractItemModelTester tester(&original, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(original.load(*board));
        QVERIFY(copied.load(**copy));
        QCOMPARE(copied.boardUuid(), original.boardUuid());
        QList<qint64> dropped;
        original.setDropHandler([&](const QList<qint64> &ids, qint64, qint64) {
            dropped << ids;
            return true;
        });
        const QModelIndex done = original.index(2, 0);

        // WHEN the copy's new card is dropped on the original, THEN it is refused: the original's card of that id
        // is another card
        std::unique_ptr<QMimeData> fromCopy(copied.mimeData({copied.cardIndex(here)}));
        QVERIFY(!original.canDropMimeData(fromCopy.get(), Qt::MoveAction, 0, 0, done));
        QVERIFY(!original.dropMimeData(fromCopy.get(), Qt::MoveAction, 0, 0, done));
        QVERIFY(dropped.isEmpty());
        // AND a card both had before the copy was made is the same card: it moves
        const qint64 shared = copied.index(0, 0, copied.index(0, 0)).data(board::BoardModel::IdRole).toLongLong();
        QVERIFY(shared != here);
        std::unique_ptr<QMimeData> sharedCard(copied.mimeData({copied.cardIndex(shared)}));
        QVERIFY(original.dropMimeData(sharedCard.get(), Qt::MoveAction, 0, 0, done));
        QCOMPARE(dropped, QList<qint64>{shared});
    }

    void shouldNeverHandOnACardThePayloadDoesNotName()
    {
        // GIVEN a board in a model, and payloads of its cards and of another board's, mutated at random
        auto store = demoBoard(u"fuzzed.helpboard"_s);
        QVERIFY(store);
        board::BoardModel model;
        QVERIFY(model.load(*store));
        QHash<qint64, qint64> madeAt;
        QList<QModelIndex> cards;
        for (int column = 0; column < model.rowCount(); ++column) {
            for (int row = 0; row < model.rowCount(model.index(column, 0)); ++row) {
                const QModelIndex index = model.index(row, 0, model.index(column, 0));
                cards << index;
                madeAt.insert(index.data(board::BoardModel::IdRole).toLongLong(), model.cardAt(index)->createdAt);
            }
        }
        QList<QByteArray> seeds;
        for (int i = 0; i < 4; ++i) {
            std::unique_ptr<QMimeData> data(model.mimeData(cards.mid(i * 3, i + 1)));
            seeds << data->data(board::BoardModel::mimeType());
            IdPayload foreign = board::decodePayload(seeds.last()).value();
            foreign.board = QUuid::createUuid();
            seeds << board::encodePayload(foreign);
        }
        int handedOn = 0;
        int wrong = 0;
        QByteArray current;
        model.setDropHandler([&](const QList<qint64> &ids, qint64, qint64) {
            ++handedOn;
            // Only this board's payloads, and only cards it names with their own creation time
            const auto payload = board::decodePayload(current);
            bool named = payload && payload->board == model.boardUuid() && !ids.isEmpty();
            for (qint64 id : ids)
                named = named && payload->items.contains(PayloadItem{id, madeAt.value(id, -1)});
            wrong += named ? 0 : 1;
            return true;
        });
        // WHEN 20,000 of them are dropped through the model (the reader alone gets 100,000 above)
        QRandomGenerator random(4711);
        for (int i = 0; i < 20'000; ++i) {
            current = random.bounded(8) == 0 ? seeds.at(random.bounded(int(seeds.size())))
                                             : mutated(seeds.at(random.bounded(int(seeds.size()))), random);
            std::unique_ptr<QMimeData> data(cardPayload(current));
            const bool could = model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0, model.index(1, 0));
            const int before = handedOn;
            const bool done = model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, model.index(1, 0));
            // THEN a drop is taken only when it passed the check, and only with cards the payload names
            QCOMPARE(done, handedOn == before + 1);
            QVERIFY(!done || could);
            QCOMPARE(wrong, 0);
        }
        qInfo("20000 drops through the model, %d handed on", handedOn);
        QVERIFY(handedOn > 0);
    }
};

QTEST_MAIN(tst_IdPayload)
#include "tst_idpayload.moc"

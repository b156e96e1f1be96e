// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/model/checklistmodel.h>
#include <board/model/idpayload.h>

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace hb;
using board::ChecklistModel;

namespace {

constexpr qint64 s_madeAt = 1'700'000'000'000;
const QUuid s_board = QUuid::fromString(u"6f1c2a52-3c1e-4f7e-9d55-0b8d1f1f2a10");
const QUuid s_otherBoard = QUuid::fromString(u"0d3e4a1b-95a2-4a0c-8f43-7c2b7e8e5d21");

storage::ChecklistItem item(qint64 id, const QString &text, const QString &rank, bool done = false)
{
    storage::ChecklistItem result;
    result.id = id;
    result.cardId = 7;
    result.text = text;
    result.rank = rank;
    result.done = done;
    result.createdAt = s_madeAt + id;
    return result;
}

} // namespace

class tst_ChecklistModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ChecklistModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QList<qint64> ids() const
    {
        QList<qint64> result;
        for (const storage::ChecklistItem &each : m_model->items())
            result << each.id;
        return result;
    }

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<ChecklistModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setBoardUuid(s_board);
        m_model->setItems(7, {item(1, QStringLiteral("Download installer"), QStringLiteral("a1"), true),
                              item(2, QStringLiteral("Activate licence"), QStringLiteral("a2")),
                              item(3, QStringLiteral("Test"), QStringLiteral("a3"))});
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void shouldShowTextAndTicks()
    {
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->index(0).data().toString(), QStringLiteral("Download installer"));
        QCOMPARE(m_model->index(0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
        QCOMPARE(m_model->index(1).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
        QCOMPARE(m_model->doneCount(), 1);
        // without handlers, read-only
        QVERIFY(!(m_model->flags(m_model->index(0)) & Qt::ItemIsEditable));
        QVERIFY(!m_model->setData(m_model->index(0), QStringLiteral("x")));
    }

    void shouldKeepRowsWhenTheSameItemsComeBack()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QList<storage::ChecklistItem> again = m_model->items();
        again[1].done = true;
        m_model->setItems(7, again);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_model->doneCount(), 2);
        // another card's checklist replaces it
        m_model->setItems(8, {});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m_model->rowCount(), 0);
    }

    void shouldHandEditsTicksAndDropsToTheHandlers()
    {
        QList<std::pair<qint64, QString>> edits;
        QList<std::pair<qint64, bool>> ticks;
        QList<std::pair<qint64, qint64>> moves;
        m_model->setHandlers({[&](qint64 id, const QString &text) {
                                  edits.append({id, text});
                                  return true;
                              },
                              [&](qint64 id, bool done) {
                                  ticks.append({id, done});
                                  return true;
                              },
                              [&](qint64 id, qint64 before) {
                                  moves.append({id, before});
                                  return true;
                              }});
        QVERIFY(m_model->flags(m_model->index(1)) & Qt::ItemIsUserCheckable);
        QVERIFY(m_model->setData(m_model->index(1), QStringLiteral("Activate the licence")));
        QVERIFY(m_model->setData(m_model->index(1), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(edits, (QList<std::pair<qint64, QString>>{{2, QStringLiteral("Activate the licence")}}));
        QCOMPARE(ticks, (QList<std::pair<qint64, bool>>{{2, true}}));
        // rows change only when shown, not on setData
        QCOMPARE(m_model->index(1).data().toString(), QStringLiteral("Activate licence"));

        // a drop carries ids; dropped at row 0, onto an item, or below the last one
        std::unique_ptr<QMimeData> data(m_model->mimeData({m_model->index(2)}));
        QCOMPARE(board::payloadFromMimeData(data.get(), ChecklistModel::mimeType()),
                 (board::IdPayload{s_board, {{3, s_madeAt + 3}}}));
        QVERIFY(m_model->dropMimeData(data.get(), Qt::IgnoreAction, 0, 0, {}));
        QVERIFY(!m_model->dropMimeData(data.get(), Qt::MoveAction, 0, 0, {})); // the view must not remove the row
        m_model->dropMimeData(data.get(), Qt::MoveAction, -1, 0, m_model->index(1));
        m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, {});
        QCOMPARE(moves, (QList<std::pair<qint64, qint64>>{{3, 1}, {3, 2}, {3, 0}}));
        QMimeData foreign;
        foreign.setText(QStringLiteral("3"));
        QVERIFY(!m_model->dropMimeData(&foreign, Qt::MoveAction, 0, 0, {}));
        QCOMPARE(moves.size(), 3);
    }

    void shouldRefuseAnItemDraggedFromAnotherBoardOrCard_data()
    {
        QTest::addColumn<QByteArray>("payload");
        const auto one = [](const QUuid &board, qint64 id, qint64 createdAt) {
            return board::encodePayload({board, {{id, createdAt}}});
        };
        QTest::newRow("another board") << one(s_otherBoard, 3, s_madeAt + 3);
        QTest::newRow("a copy of this board, another item of that id") << one(s_board, 3, s_madeAt + 99);
        QTest::newRow("an item of another card") << one(s_board, 42, s_madeAt + 42);
        QTest::newRow("two items") << board::encodePayload({s_board, {{3, s_madeAt + 3}, {2, s_madeAt + 2}}});
        QTest::newRow("cut short") << one(s_board, 3, s_madeAt + 3).chopped(1);
        QTest::newRow("one byte more") << one(s_board, 3, s_madeAt + 3) + '\0';
        QTest::newRow("empty") << QByteArray();
    }

    void shouldRefuseAnItemDraggedFromAnotherBoardOrCard()
    {
        QFETCH(QByteArray, payload);
        QList<std::pair<qint64, qint64>> moves;
        m_model->setHandlers({{}, {}, [&](qint64 id, qint64 before) {
                                  moves.append({id, before});
                                  return true;
                              }});
        QMimeData data;
        data.setData(ChecklistModel::mimeType(), payload);
        // WHEN it is dropped, THEN it is refused (the view shows so while dragging) and nothing moves
        QVERIFY(!m_model->canDropMimeData(&data, Qt::MoveAction, 0, 0, {}));
        QVERIFY(!m_model->dropMimeData(&data, Qt::MoveAction, 0, 0, {}));
        QVERIFY(!m_model->dropMimeData(&data, Qt::MoveAction, -1, 0, m_model->index(1)));
        QVERIFY(moves.isEmpty());
        QCOMPARE(ids(), (QList<qint64>{1, 2, 3}));
        // AND this board's own payload of that item still moves it
        std::unique_ptr<QMimeData> own(m_model->mimeData({m_model->index(2)}));
        QVERIFY(m_model->canDropMimeData(own.get(), Qt::MoveAction, 0, 0, {}));
        m_model->dropMimeData(own.get(), Qt::MoveAction, 0, 0, {});
        QCOMPARE(moves, (QList<std::pair<qint64, qint64>>{{3, 1}}));
    }

    void shouldShowChangesBeforeTheyAreSaved()
    {
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        m_model->showMoved(3, 1);
        QCOMPARE(ids(), (QList<qint64>{3, 1, 2}));
        m_model->showMoved(3, 0);
        QCOMPARE(ids(), (QList<qint64>{1, 2, 3}));
        QCOMPARE(moved.count(), 2);
        m_model->showMoved(3, 0); // already last
        QCOMPARE(moved.count(), 2);
        m_model->showRemoved(2);
        QCOMPARE(ids(), (QList<qint64>{1, 3}));
        // brought back by its rank, between the others
        m_model->showItem(item(2, QStringLiteral("Activate licence"), QStringLiteral("a2")));
        QCOMPARE(ids(), (QList<qint64>{1, 2, 3}));
        storage::ChecklistItem ticked = m_model->items().at(2);
        ticked.done = true;
        m_model->showItem(ticked);
        QCOMPARE(m_model->doneCount(), 2);
        // another card's item is not this checklist's
        storage::ChecklistItem elsewhere = item(9, QStringLiteral("x"), QStringLiteral("a0"));
        elsewhere.cardId = 8;
        m_model->showItem(elsewhere);
        QCOMPARE(m_model->rowCount(), 3);
    }
};

QTEST_MAIN(tst_ChecklistModel)
#include "tst_checklistmodel.moc"

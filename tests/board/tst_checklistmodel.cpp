// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/checklistmodel.h>
#include <board/idpayload.h>

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace hb;
using board::ChecklistModel;

namespace {

storage::ChecklistItem item(qint64 id, const QString &text, const QString &rank, bool done = false)
{
    storage::ChecklistItem result;
    result.id = id;
    result.cardId = 7;
    result.text = text;
    result.rank = rank;
    result.done = done;
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
        QCOMPARE(board::idsFromMimeData(data.get(), ChecklistModel::mimeType()), QList<qint64>{3});
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

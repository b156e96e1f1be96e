// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/model/boardmodel.h>
#include <board/model/labelmodel.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;

class tst_LabelModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<storage::BoardStore> m_store;

    /// How many live cards of the file carry label @p id.
    int storedCount(qint64 id) const
    {
        int count = 0;
        for (const storage::Card &card : m_store->cards().value())
            count += card.labelIds.contains(id) ? 1 : 0;
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        storage::StoreOptions options;
        options.login = QStringLiteral("alice");
        auto store = storage::BoardStore::create(m_dir.filePath(QStringLiteral("demo.helpboard")),
                                                 QStringLiteral("Demo"), options);
        QVERIFY(store);
        m_store = std::move(store).value();
        QVERIFY(storage::populateDemoBoard(*m_store));
    }

    void shouldListTheBoardsLabelsByNameWithColourAndCount()
    {
        board::BoardModel board;
        board::LabelModel labels(board);
        QAbstractItemModelTester tester(&labels, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&labels, &QAbstractItemModel::rowsInserted);
        QCOMPARE(labels.rowCount(), 0);
        // WHEN the board loads
        QVERIFY(board.load(*m_store));
        // THEN the labels follow, sorted by name, each with its colour and its cards
        QCOMPARE(inserted.count(), labels.rowCount());
        QList<storage::Label> stored = m_store->labels().value();
        QCOMPARE(labels.rowCount(), stored.size());
        QVERIFY(labels.rowCount() >= 5);
        QString previous;
        for (int row = 0; row < labels.rowCount(); ++row) {
            const QModelIndex index = labels.index(row);
            const qint64 id = index.data(board::LabelModel::IdRole).toLongLong();
            const auto label = std::find_if(stored.cbegin(), stored.cend(), [id](auto &each) { return each.id == id; });
            QVERIFY(label != stored.cend());
            QCOMPARE(index.data().toString(), label->name);
            QCOMPARE(index.data(Qt::DecorationRole).value<QColor>(), QColor(label->color));
            QCOMPARE(index.data(board::LabelModel::CardCountRole).toInt(), storedCount(id));
            QVERIFY(index.data(Qt::ToolTipRole).toString().startsWith(u"On "));
            QCOMPARE(labels.row(id), row);
            QCOMPARE(labels.idAt(row), id);
            QVERIFY(previous.isEmpty() || previous.localeAwareCompare(label->name) < 0);
            previous = label->name;
        }
        QCOMPARE(labels.idAt(-1), 0);
        QCOMPARE(labels.idAt(labels.rowCount()), 0);
        QCOMPARE(labels.row(987654), -1);
    }

    void shouldFollowLabelsAndCardsAsTheyChange()
    {
        board::BoardModel board;
        QVERIFY(board.load(*m_store));
        board::LabelModel labels(board);
        QAbstractItemModelTester tester(&labels, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<storage::Label> changed = board.labels();
        const qint64 first = changed.first().id;
        const int count = labels.index(labels.row(first)).data(board::LabelModel::CardCountRole).toInt();
        // WHEN a label is renamed so it sorts last
        QPersistentModelIndex held = labels.index(labels.row(first));
        changed.first().name = QStringLiteral("zzz last");
        QSignalSpy reset(&labels, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&labels, &QAbstractItemModel::layoutChanged);
        board.applyLabels(changed);
        // THEN it moved, with its count, and an index held on it (a selection, an open editor) followed it
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 1);
        QCOMPARE(labels.row(first), labels.rowCount() - 1);
        QCOMPARE(held.row(), labels.rowCount() - 1);
        // WHEN only its colour changes, THEN that row says so, and nothing moves
        changed.first().color = QStringLiteral("#123456");
        QSignalSpy colored(&labels, &QAbstractItemModel::dataChanged);
        board.applyLabels(changed);
        QCOMPARE(layout.count(), 1);
        QCOMPARE(colored.count(), 1);
        QCOMPARE(colored.first().at(0).toModelIndex(), QModelIndex(held));
        QCOMPARE(held.data(Qt::DecorationRole).value<QColor>(), QColor(QStringLiteral("#123456")));
        QCOMPARE(labels.index(labels.rowCount() - 1).data().toString(), QStringLiteral("zzz last"));
        // WHEN a card without it gets it, THEN its count follows
        const QModelIndex todo = board.index(0, 0);
        int row = 0;
        while (board.cardAt(board.index(row, 0, todo))->labelIds.contains(first))
            ++row;
        storage::Card card = *board.cardAt(board.index(row, 0, todo));
        card.labelIds << first;
        board.applyCard(card);
        QCOMPARE(labels.index(labels.row(first)).data(board::LabelModel::CardCountRole).toInt(), count + 1);
        // WHEN it is gone from the board, THEN it is gone from the list; WHEN a new one comes, THEN it sorts in
        changed.removeFirst();
        storage::Label fresh;
        fresh.id = 424242;
        fresh.name = QStringLiteral("AAA first");
        fresh.color = QStringLiteral("#2980b9");
        changed << fresh;
        QSignalSpy removed(&labels, &QAbstractItemModel::rowsRemoved);
        board.applyLabels(changed);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(labels.row(first), -1);
        QVERIFY(!held.isValid());
        QCOMPARE(labels.row(fresh.id), 0);
        QCOMPARE(labels.rowCount(), changed.size());
    }

    void shouldRenameInPlaceOnlyThroughItsHandler()
    {
        board::BoardModel board;
        QVERIFY(board.load(*m_store));
        board::LabelModel labels(board);
        QAbstractItemModelTester tester(&labels, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex index = labels.index(0);
        // Without a handler: read-only
        QVERIFY(!(labels.flags(index) & Qt::ItemIsEditable));
        QVERIFY(!labels.setData(index, QStringLiteral("Other")));
        // With one: the edit goes to it, and the row waits for the saved labels
        qint64 renamed = 0;
        QString name;
        labels.setRenameHandler([&](qint64 id, const QString &to) {
            renamed = id;
            name = to;
            return true;
        });
        QVERIFY(labels.flags(index) & Qt::ItemIsEditable);
        QVERIFY(!labels.setData(index, QStringLiteral("Other"), Qt::DisplayRole));
        QVERIFY(labels.setData(index, QStringLiteral("Other")));
        QCOMPARE(renamed, index.data(board::LabelModel::IdRole).toLongLong());
        QCOMPARE(name, QStringLiteral("Other"));
        QVERIFY(index.data().toString() != u"Other");
    }

    void shouldSuggestAReadablePaletteColourForANewLabel_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << QStringLiteral("Printers");
        QTest::newRow("spaces and case") << QStringLiteral("  printers ");
        QTest::newRow("emoji") << QStringLiteral("🔥 Urgent");
        QTest::newRow("rtl") << QStringLiteral("שרת");
    }

    void shouldSuggestAReadablePaletteColourForANewLabel()
    {
        QFETCH(QString, name);
        const auto palette = board::LabelModel::palette();
        QVERIFY(palette.size() >= 8);
        QStringList colors;
        for (const auto &[title, color] : palette) {
            QVERIFY(!title.isEmpty());
            QVERIFY(QColor(color).isValid());
            QVERIFY(!colors.contains(color));
            colors << color;
        }
        const QString suggested = board::LabelModel::suggestedColor(name);
        QVERIFY(colors.contains(suggested));
        QCOMPARE(board::LabelModel::suggestedColor(name), suggested);
        QCOMPARE(board::LabelModel::suggestedColor(name.trimmed().toUpper()),
                 board::LabelModel::suggestedColor(name.trimmed().toLower()));
    }

    void shouldSuggestTheColourLeastLikeTheBoardsLabels_data()
    {
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<QStringList>("expected"); ///< any of these
        const auto palette = board::LabelModel::palette();
        QStringList all;
        for (const auto &[title, color] : palette)
            all << color;
        QStringList allButTeal = all;
        allButTeal.removeAll(QStringLiteral("#16a085"));
        QTest::newRow("every colour but one taken") << allButTeal << QStringList{QStringLiteral("#16a085")};
        // the demo's reds and oranges taken: never another red, orange or amber
        QTest::newRow("warm colours taken")
                << QStringList{QStringLiteral("#c0392b"), QStringLiteral("#d35400"), QStringLiteral("#e67e22")}
                << QStringList{QStringLiteral("#2980b9"), QStringLiteral("#16a085"), QStringLiteral("#8e44ad"),
                               QStringLiteral("#27ae60"), QStringLiteral("#7f8c8d")};
    }

    void shouldSuggestTheColourLeastLikeTheBoardsLabels()
    {
        QFETCH(QStringList, taken);
        QFETCH(QStringList, expected);
        for (const QString &name : {QStringLiteral("Printers"), QStringLiteral("VPN"), QStringLiteral("Laptops")}) {
            const QString suggested = board::LabelModel::suggestedColor(name, taken);
            QVERIFY2(expected.contains(suggested), qPrintable(name + u' ' + suggested));
            QCOMPARE(board::LabelModel::suggestedColor(name, taken), suggested);
        }
    }
};

QTEST_GUILESS_MAIN(tst_LabelModel)
#include "tst_labelmodel.moc"

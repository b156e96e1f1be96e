// SPDX-License-Identifier: GPL-3.0-or-later
#include <storage/rank.h>

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace hb::storage;

class tst_Rank : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldPlaceBetweenBounds_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::newRow("empty list") << QString() << QString();
        QTest::newRow("after the first") << QStringLiteral("a0") << QString();
        QTest::newRow("before the first") << QString() << QStringLiteral("a0");
        QTest::newRow("adjacent integers") << QStringLiteral("a0") << QStringLiteral("a1");
        QTest::newRow("integer and fraction") << QStringLiteral("a0") << QStringLiteral("a0V");
        QTest::newRow("tight fraction") << QStringLiteral("a0V") << QStringLiteral("a0W");
        QTest::newRow("carry into longer integer") << QStringLiteral("az") << QString();
        QTest::newRow("negative side") << QString() << QStringLiteral("Zz");
        QTest::newRow("across the sign") << QStringLiteral("Zz") << QStringLiteral("a0");
        QTest::newRow("deep fraction") << QStringLiteral("a0000001") << QStringLiteral("a00000011");
    }

    void shouldPlaceBetweenBounds()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        const QString middle = rank::between(before, after);
        QVERIFY2(rank::isValid(middle), qPrintable(middle));
        if (!before.isEmpty())
            QVERIFY2(before < middle, qPrintable(before + u" < " + middle));
        if (!after.isEmpty())
            QVERIFY2(middle < after, qPrintable(middle + u" < " + after));
    }

    void shouldRejectBadBounds_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::newRow("equal") << QStringLiteral("a1") << QStringLiteral("a1");
        QTest::newRow("reversed") << QStringLiteral("a2") << QStringLiteral("a1");
        QTest::newRow("trailing zero") << QStringLiteral("a10") << QString();
        QTest::newRow("not a rank") << QStringLiteral("hello world") << QString();
    }

    void shouldRejectBadBounds()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QVERIFY(rank::between(before, after).isEmpty());
    }

    void shouldKeepRanksShortWhenAppending()
    {
        // GIVEN a column that only ever gets cards at the end (a Done column over years)
        QString last;
        for (int i = 0; i < 10000; ++i) {
            const QString next = rank::between(last, QString());
            QVERIFY(last.isEmpty() || last < next);
            last = next;
        }
        // THEN the ranks grow logarithmically, not linearly
        QVERIFY2(last.size() <= 4, qPrintable(last));
    }

    void shouldKeepOrderUnderRandomInserts()
    {
        // GIVEN a list receiving inserts at random places, as people drag cards around
        QRandomGenerator random(42);
        QStringList ranks;
        for (int i = 0; i < 2000; ++i) {
            const qsizetype at = ranks.isEmpty() ? 0 : qsizetype(random.bounded(int(ranks.size() + 1)));
            const QString lower = at > 0 ? ranks.at(at - 1) : QString();
            const QString upper = at < ranks.size() ? ranks.at(at) : QString();
            const QString middle = rank::between(lower, upper);
            QVERIFY2(!middle.isEmpty(), qPrintable(lower + u" .. " + upper));
            ranks.insert(at, middle);
        }
        // THEN the list is still strictly sorted by plain comparison (SQLite BINARY collation)
        QStringList sorted = ranks;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(sorted, ranks);
        QCOMPARE(QSet<QString>(ranks.cbegin(), ranks.cend()).size(), ranks.size());
    }

    void shouldKeepRanksShortWhenAlwaysInsertingAtTheTop()
    {
        QString first;
        for (int i = 0; i < 5000; ++i) {
            const QString next = rank::between(QString(), first);
            QVERIFY(first.isEmpty() || next < first);
            first = next;
        }
        QVERIFY2(first.size() <= 4, qPrintable(first));
    }
};

QTEST_GUILESS_MAIN(tst_Rank)
#include "tst_rank.moc"

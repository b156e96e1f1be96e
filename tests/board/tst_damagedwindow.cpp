// SPDX-License-Identifier: GPL-3.0-or-later
// The board window on a board that a colleague's HelpBoard found damaged: read-only, saying why, writing nothing.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <storage/sqlite/damagemark.h>

#include <QLabel>
#include <QTest>

using namespace hb;

class tst_DamagedWindow : public tests::DemoWindowTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void shouldOpenAMarkedBoardReadOnlyWithTheReason()
    {
        // GIVEN a board marked damaged by a colleague's process
        const QString reason = QStringLiteral("Page 41: btreeInitPage() returns error code 11 <b>");
        QVERIFY(storage::DamageMark::write(m_board, storage::DamageMark::make(m_board, reason, QStringLiteral("ben"))));
        const QByteArray before = tests::sha256Of(m_board);

        // WHEN the window opens it
        auto window = openDemo(QSize(1100, 700));
        QVERIFY(window);

        // THEN a strip above the board says it is read-only, why, and who found it, as plain text
        auto *banner = window->findChild<QLabel *>(QStringLiteral("boardBanner"));
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().startsWith(QStringLiteral("This board is read-only: ")), qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(reason) && banner->text().contains(QStringLiteral("ben")),
                 qPrintable(banner->text()));
        QCOMPARE(banner->textFormat(), Qt::PlainText);
        // AND the status bar says read-only without repeating the long reason, which its tooltip carries escaped
        auto *status = window->findChild<QLabel *>(QStringLiteral("boardStatus"));
        QVERIFY(status);
        QVERIFY2(status->text().endsWith(QStringLiteral("read-only")), qPrintable(status->text()));
        QVERIFY2(status->toolTip().contains(reason.toHtmlEscaped()), qPrintable(status->toolTip()));
        // AND nothing can be changed (a read-only window has no board actions)
        QCOMPARE(window->actions(), nullptr);
        // AND the window writes nothing, not even its heartbeat, while open and when closed
        QVERIFY(window->poller());
        window->poller()->setInterval(100);
        QVERIFY(looked(*window, 3));
        QCOMPARE(tests::sha256Of(m_board), before);
        window->close();
        window.reset();
        QCOMPARE(tests::sha256Of(m_board), before);
        QVERIFY(storage::DamageMark::exists(m_board));
    }
};

QTEST_MAIN(tst_DamagedWindow)
#include "tst_damagedwindow.moc"

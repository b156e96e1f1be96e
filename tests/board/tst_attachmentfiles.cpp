// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/rules/attachmentfiles.h>

#include <QMimeData>
#include <QTest>
#include <QUrl>

using namespace hb::board;

class tst_AttachmentFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMakeANameSafeOnEverySystem_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("safe");
        QTest::newRow("plain") << QStringLiteral("VPN setup guide.pdf") << QStringLiteral("VPN setup guide.pdf");
        QTest::newRow("folders") << QStringLiteral("../../etc/passwd") << QStringLiteral("_.._etc_passwd");
        QTest::newRow("windows folders") << QStringLiteral("C:\\Users\\a\\x.doc") << QStringLiteral("C__Users_a_x.doc");
        QTest::newRow("reserved characters")
                << QStringLiteral("a<b>c:d\"e|f?g*h.txt") << QStringLiteral("a_b_c_d_e_f_g_h.txt");
        QTest::newRow("control characters")
                << QStringLiteral("line\nbreak\ttab\x01.txt") << QStringLiteral("line_break_tab_.txt");
        QTest::newRow("right-to-left override")
                << QStringLiteral("invoice\u202Efdp.exe") << QStringLiteral("invoice_fdp.exe");
        QTest::newRow("hidden") << QStringLiteral(".bashrc") << QStringLiteral("bashrc");
        QTest::newRow("trailing dots and spaces") << QStringLiteral("report. . ") << QStringLiteral("report");
        QTest::newRow("only dots") << QStringLiteral("...") << QStringLiteral("attachment");
        QTest::newRow("empty") << QString() << QStringLiteral("attachment");
        QTest::newRow("device name") << QStringLiteral("CON") << QStringLiteral("_CON");
        QTest::newRow("device name with extension") << QStringLiteral("nul.txt") << QStringLiteral("_nul.txt");
        QTest::newRow("console device") << QStringLiteral("CONIN$") << QStringLiteral("_CONIN$");
        QTest::newRow("not a device name") << QStringLiteral("console.txt") << QStringLiteral("console.txt");
        QTest::newRow("unicode kept") << QStringLiteral("Überweisung 🧾 ملف.pdf")
                                      << QStringLiteral("Überweisung 🧾 ملف.pdf");
        QTest::newRow("too long, no dot left at the cut")
                << QString(119, QLatin1Char('a')) + QStringLiteral(". ") + QString(40, QLatin1Char('b'))
                << QString(119, QLatin1Char('a'));
        QTest::newRow("too long, extension kept") << QString(200, QLatin1Char('a')) + QStringLiteral(".docx")
                                                  << QString(115, QLatin1Char('a')) + QStringLiteral(".docx");
        // 59 emoji are 118 UTF-16 units: the cut at 120 - ".txt" must not split the 58th in two.
        QString emoji;
        for (int i = 0; i < 70; ++i)
            emoji += QStringLiteral("😀");
        QString keptEmoji;
        for (int i = 0; i < 58; ++i)
            keptEmoji += QStringLiteral("😀");
        QTest::newRow("too long, emoji not cut in half")
                << emoji + QStringLiteral(".txt") << keptEmoji + QStringLiteral(".txt");
    }

    void shouldMakeANameSafeOnEverySystem()
    {
        QFETCH(QString, name);
        QFETCH(QString, safe);
        const QString result = attachmentfiles::safeFileName(name);
        QCOMPARE(result, safe);
        QVERIFY(result.size() <= 120);
        QVERIFY(!result.contains(u'/') && !result.contains(u'\\'));
        QCOMPARE(attachmentfiles::safeFileName(result), result); // already safe stays as it is
    }

    void shouldKnowProgramsFromTheirTypeOrName_data()
    {
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("program");
        QTest::newRow("pdf") << QStringLiteral("application/pdf") << QStringLiteral("manual.pdf") << false;
        QTest::newRow("picture") << QStringLiteral("image/png") << QStringLiteral("error.png") << false;
        QTest::newRow("text") << QStringLiteral("text/plain") << QStringLiteral("notes.txt") << false;
        QTest::newRow("windows installer")
                << QStringLiteral("application/x-msi") << QStringLiteral("setup.msi") << true;
        QTest::newRow("exe by type") << QStringLiteral("application/x-ms-dos-executable") << QStringLiteral("tool")
                                     << true;
        QTest::newRow("exe by name") << QStringLiteral("application/octet-stream") << QStringLiteral("Setup.EXE")
                                     << true;
        QTest::newRow("shell script") << QStringLiteral("application/x-shellscript") << QStringLiteral("fix.sh")
                                      << true;
        QTest::newRow("launcher") << QStringLiteral("application/x-desktop") << QStringLiteral("x.desktop") << true;
        QTest::newRow("powershell") << QStringLiteral("text/plain") << QStringLiteral("reset.ps1") << true;
        QTest::newRow("debian package") << QStringLiteral("application/vnd.debian.binary-package")
                                        << QStringLiteral("agent.deb") << true;
        QTest::newRow("linux program") << QStringLiteral("application/x-executable") << QStringLiteral("agent") << true;
        QTest::newRow("script behind a trailing dot")
                << QStringLiteral("text/plain") << QStringLiteral("x.vbs.") << true;
        QTest::newRow("double extension")
                << QStringLiteral("application/octet-stream") << QStringLiteral("invoice.pdf.exe") << true;
        QTest::newRow("html application")
                << QStringLiteral("application/octet-stream") << QStringLiteral("help.hta") << true;
        QTest::newRow("shortcut file") << QStringLiteral("application/octet-stream") << QStringLiteral("share.url")
                                       << true;
        QTest::newRow("registry file") << QStringLiteral("text/plain") << QStringLiteral("fix.reg") << true;
        QTest::newRow("spreadsheet") << QStringLiteral(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                                     << QStringLiteral("seats.xlsx") << false;
    }

    void shouldKnowProgramsFromTheirTypeOrName()
    {
        QFETCH(QString, mimeType);
        QFETCH(QString, name);
        QFETCH(bool, program);
        QCOMPARE(attachmentfiles::isProgram(mimeType, name), program);
    }

    void shouldGiveThumbnailsToPicturesOfAReasonableSize_data()
    {
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("thumbnail");
        QTest::newRow("png") << QStringLiteral("image/png") << qint64(200'000) << true;
        QTest::newRow("jpeg") << QStringLiteral("image/jpeg") << qint64(3'000'000) << true;
        QTest::newRow("empty png") << QStringLiteral("image/png") << qint64(0) << false;
        QTest::newRow("huge photo") << QStringLiteral("image/jpeg") << qint64(25'000'000) << false;
        QTest::newRow("svg (drawn, not decoded: no thumbnail)")
                << QStringLiteral("image/svg+xml") << qint64(5000) << false;
        QTest::newRow("pdf") << QStringLiteral("application/pdf") << qint64(5000) << false;
    }

    void shouldGiveThumbnailsToPicturesOfAReasonableSize()
    {
        QFETCH(QString, mimeType);
        QFETCH(qint64, size);
        QFETCH(bool, thumbnail);
        QCOMPARE(attachmentfiles::hasThumbnail(mimeType, size), thumbnail);
    }

    void shouldTakeOnlyLocalFilesFromADrag()
    {
        QMimeData files;
        files.setUrls({QUrl::fromLocalFile(QStringLiteral("/srv/share/a.pdf")),
                       QUrl::fromLocalFile(QStringLiteral("/home/u/b c.txt"))});
        QCOMPARE(attachmentfiles::localFiles(&files),
                 (QStringList{QStringLiteral("/srv/share/a.pdf"), QStringLiteral("/home/u/b c.txt")}));
        QMimeData mixed;
        mixed.setUrls({QUrl::fromLocalFile(QStringLiteral("/a.pdf")), QUrl(QStringLiteral("https://x.org/b.pdf"))});
        QVERIFY(attachmentfiles::localFiles(&mixed).isEmpty());
        QMimeData text;
        text.setText(QStringLiteral("/etc/passwd"));
        QVERIFY(attachmentfiles::localFiles(&text).isEmpty());
        QVERIFY(attachmentfiles::localFiles(nullptr).isEmpty());
    }

    void shouldTellSizesForPeople_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("one") << qint64(1) << QStringLiteral("1 byte");
        QTest::newRow("bytes") << qint64(512) << QStringLiteral("512 bytes");
        QTest::newRow("kilobytes") << qint64(1536) << QStringLiteral("1.5 kB");
        QTest::newRow("megabytes") << qint64(6 * 1024 * 1024 + 77) << QStringLiteral("6.0 MB");
    }

    void shouldTellSizesForPeople()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(attachmentfiles::humanSize(bytes), text);
    }
};

QTEST_GUILESS_MAIN(tst_AttachmentFiles)
#include "tst_attachmentfiles.moc"

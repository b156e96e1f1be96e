// SPDX-License-Identifier: GPL-3.0-or-later
// Markdown files as knowledge-base articles (storage/exchange/articlefiles.cpp): what is read from a file, what is
// refused and why, a folder all or nothing, and a fuzz run of the file reader on random and mutated files.
#include "boardtestcase.h"

#include <storage/exchange/articlefiles.h>
#include <storage/textlength.h>

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace hb;
using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

class tst_ArticleFiles : public BoardTestCase
{
    Q_OBJECT

    /// This test's own folder.
    QString testFolder() const { return m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction())); }

    void write(const QString &name, const QByteArray &bytes)
    {
        QDir().mkpath(testFolder());
        QFile file(testFolder() + u'/' + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }

private Q_SLOTS:
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldReadAnArticleFromMarkdown_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QStringList>("labels");
        QTest::newRow("front matter") << QByteArray("---\ntitle: Printer offline\nlabels: Hardware, Printers\n---\n"
                                                    "\nRestart the spooler.\n")
                                      << u"a.md"_s << u"Printer offline"_s << u"Restart the spooler."_s
                                      << QStringList{u"Hardware"_s, u"Printers"_s};
        QTest::newRow("front matter list, quoted")
                << QByteArray("---\ntitle: \"VPN: drops\"\ntags:\n  - 'VPN'\n"
                              "  - Network\n  - vpn\n---\nText")
                << u"a.md"_s << u"VPN: drops"_s << u"Text"_s << QStringList{u"VPN"_s, u"Network"_s};
        QTest::newRow("bracketed labels")
                << QByteArray("---\nlabels: [A, \"B\"]\n---\n# Heading title\nBody") << u"a.md"_s << u"Heading title"_s
                << u"Body"_s << QStringList{u"A"_s, u"B"_s};
        QTest::newRow("heading") << QByteArray("\n\n# Outlook asks again #\n\n1. Clear\n2. Sign in\n\n") << u"a.md"_s
                                 << u"Outlook asks again"_s << u"1. Clear\n2. Sign in"_s << QStringList();
        QTest::newRow("second-level heading stays") << QByteArray("## Steps\nDo it") << u"reset-password_v2.md"_s
                                                    << u"reset password v2"_s << u"## Steps\nDo it"_s << QStringList();
        QTest::newRow("file name") << QByteArray("Only text") << u"printer-jams.md"_s << u"printer jams"_s
                                   << u"Only text"_s << QStringList();
        QTest::newRow("BOM and CRLF") << QByteArray("\xEF\xBB\xBF# Título\r\n\r\nPaso 1\r\nPaso 2\r\n") << u"a.md"_s
                                      << u"Título"_s << u"Paso 1\nPaso 2"_s << QStringList();
        QTest::newRow("UTF-16 LE") << QByteArray("\xFF\xFE#\0 \0T\0\n\0x\0", 12) << u"a.md"_s << u"T"_s << u"x"_s
                                   << QStringList();
        QTest::newRow("HTML stays text") << QByteArray("# <b>Bold</b>\n<script>alert(1)</script>") << u"a.md"_s
                                         << u"<b>Bold</b>"_s << u"<script>alert(1)</script>"_s << QStringList();
    }

    void shouldReadAnArticleFromMarkdown()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, fileName);
        QFETCH(QString, title);
        QFETCH(QString, body);
        QFETCH(QStringList, labels);
        auto draft = articlefiles::read(bytes, fileName);
        QVERIFY2(draft, qPrintable(draft ? QString() : draft.error().message));
        QCOMPARE(draft->title, title);
        QCOMPARE(draft->body, body);
        QCOMPARE(draft->labels, labels);
        QCOMPARE(draft->droppedCharacters, 0);
        QCOMPARE(draft->fileName, fileName);
    }

    void shouldRefuseWhatIsNoArticle_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << u"it is empty"_s;
        QTest::newRow("blank") << QByteArray(" \n\t\n") << u"it is empty"_s;
        QTest::newRow("binary") << QByteArray("PK\x03\x04\x00\x00", 6) << u"not text"_s;
        QTest::newRow("Windows-1252") << QByteArray("Contrase\xF1"
                                                    "a")
                                      << u"not text"_s;
        QTest::newRow("open front matter") << QByteArray("---\ntitle: X\nBody") << u"no closing"_s;
        QTest::newRow("title too long") << (QByteArray("# ") + QByteArray(600, 'x')) << u"too long"_s;
        QTest::newRow("label too long") << (QByteArray("---\nlabels: ") + QByteArray(60, 'l') + "\n---\n# T\nx")
                                        << u"label"_s;
        QTest::newRow("too big") << QByteArray(articlefiles::s_maxFileBytes + 1, 'x') << u"too big"_s;
        QTest::newRow("no title at all") << QByteArray("# \nText") << u"no title"_s;
    }

    void shouldRefuseWhatIsNoArticle()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        // (a name that gives no title either)
        auto draft = articlefiles::read(bytes, u"---.md"_s);
        QVERIFY(!draft);
        QCOMPARE(draft.error().kind, ErrorKind::Invalid);
        QVERIFY2(draft.error().message.contains(message), qPrintable(draft.error().message));
    }

    void shouldCutALongTextAsADescriptionIs()
    {
        QByteArray bytes = "# Long\n" + QByteArray(120'000, 'x');
        auto draft = articlefiles::read(bytes, u"a.md"_s);
        QVERIFY(draft);
        QCOMPARE(characterCount(draft->body), BoardStore::s_maxArticleBodyLength);
        QCOMPARE(draft->droppedCharacters, 20'000);
    }

    void shouldImportAFolderInOneChange()
    {
        // GIVEN a folder of two articles, one naming a label the board has (in another case) and one it has not
        QVERIFY(m_store->createLabel(u"Printers"_s, u"#ff0000"_s));
        write(u"b-printer.md"_s, "---\nlabels: printers, Paper\n---\n# Printer jams\nOpen tray 2");
        write(u"a-vpn.md"_s, "# VPN drops\nRenew");
        write(u"readme.txt"_s, "no");
        auto folder = articlefiles::readFolder(testFolder());
        QVERIFY(folder);
        QCOMPARE(folder->drafts.size(), 2);
        QCOMPARE(folder->drafts.at(0).title, u"VPN drops"_s);
        QCOMPARE(folder->otherFiles, 1);
        QVERIFY(folder->problems.isEmpty());
        const qint64 seq = m_store->lastEventSeq().value();

        // WHEN they are imported
        auto imported = articlefiles::import(*m_store, folder->drafts);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));

        // THEN both are there, the missing label made, and the board's label used
        QCOMPARE(imported->created.size(), 2);
        QCOMPARE(imported->labelsCreated, QStringList{u"Paper"_s});
        const Article printer = m_store->article(imported->created.at(1)).value();
        QCOMPARE(printer.labelIds.size(), 2);
        QCOMPARE(m_store->labels().value().size(), 2);
        QVERIFY(m_store->lastEventSeq().value() > seq);

        // WHEN the import would fail part-way (an article's text too long for the board): THEN nothing is kept
        ArticleDraft bad;
        bad.fileName = u"bad.md"_s;
        bad.title = u"Bad"_s;
        bad.body = QString(BoardStore::s_maxArticleBodyLength + 1, u'x');
        ArticleDraft fine;
        fine.fileName = u"fine.md"_s;
        fine.title = u"Fine"_s;
        fine.labels = {u"Brand new"_s};
        const qint64 before = m_store->lastEventSeq().value();
        auto failed = articlefiles::import(*m_store, {fine, bad});
        QVERIFY(!failed);
        QVERIFY2(failed.error().message.startsWith(u"bad.md: "_s), qPrintable(failed.error().message));
        QCOMPARE(m_store->lastEventSeq().value(), before);
        QCOMPARE(m_store->articles().value().size(), 2);
        QCOMPARE(m_store->labels().value().size(), 2);
    }

    void shouldSayWhichFilesOfAFolderAreBad()
    {
        write(u"good.md"_s, "# Good\nx");
        write(u"bad.md"_s, QByteArray("\0\0", 2));
        auto folder = articlefiles::readFolder(testFolder());
        QVERIFY(folder);
        QCOMPARE(folder->drafts.size(), 1);
        QCOMPARE(folder->problems.size(), 1);
        QVERIFY2(folder->problems.constFirst().startsWith(u"bad.md: it is not text"_s),
                 qPrintable(folder->problems.constFirst()));
        QCOMPARE(articlefiles::readFolder(m_dir.filePath(u"none"_s)).error().kind, ErrorKind::NotFound);
        QDir().mkpath(m_dir.filePath(u"empty"_s));
        QCOMPARE(articlefiles::readFolder(m_dir.filePath(u"empty"_s)).error().kind, ErrorKind::NotFound);
    }

    void shouldReadAnyFileWithoutCrashOrHang()
    {
        // 100,000 files: random bytes, and mutations of good articles (bytes flipped, cut, front matter and headings
        // spliced in). Each reads as an article within the limits, or is refused with a reason.
        QRandomGenerator random(20261207);
        const QList<QByteArray> seeds{
                "---\ntitle: Printer offline\nlabels: [Hardware, \"Printers\"]\n---\n\nRestart the spooler.\n",
                "\xEF\xBB\xBF# VPN drops every hour\r\n\r\nRenew the certificate.\r\n",
                "---\ntags:\n  - 'VPN'\n  - Network\n---\n## Steps\n1. a\n2. b\n",
                QByteArray("\xFF\xFE#\0 \0T\0\n\0x\0", 12),
                "Contrase\xC3\xB1"
                "a olvidada \xF0\x9F\x98\x80",
        };
        const QList<QByteArray> pieces{
                "---\n", "# ",   "\n",           "title:",   "labels:",           "[",    "]",    ",", "\"", "'",
                "- ",    "\r\n", "\xEF\xBB\xBF", "\xFF\xFE", QByteArray(1, '\0'), "\xC3", "...\n"};
        constexpr int s_runs = 100'000;
        int accepted = 0;
        QElapsedTimer timer;
        timer.start();
        for (int run = 0; run < s_runs; ++run) {
            QByteArray bytes;
            if (run % 4 == 0) {
                bytes.resize(random.bounded(200));
                for (char &byte : bytes)
                    byte = char(random.bounded(256));
            } else {
                bytes = seeds.at(random.bounded(int(seeds.size())));
                const int edits = 1 + random.bounded(6);
                for (int e = 0; e < edits; ++e) {
                    const int at = bytes.isEmpty() ? 0 : random.bounded(int(bytes.size()) + 1);
                    switch (random.bounded(4)) {
                    case 0:
                        if (!bytes.isEmpty() && at < bytes.size())
                            bytes[at] = char(random.bounded(256));
                        break;
                    case 1:
                        bytes.truncate(at);
                        break;
                    case 2:
                        bytes.insert(at, pieces.at(random.bounded(int(pieces.size()))));
                        break;
                    default:
                        bytes.remove(at, random.bounded(8));
                        break;
                    }
                }
            }
            auto draft = articlefiles::read(bytes, u"fuzz-%1.md"_s.arg(run % 7));
            if (draft) {
                ++accepted;
                QVERIFY(!draft->title.isEmpty());
                QVERIFY(characterCount(draft->title) <= BoardStore::s_maxArticleTitleLength);
                QVERIFY(BoardStore::checkText(u"text"_s, draft->body, BoardStore::s_maxArticleBodyLength, false));
            } else {
                QCOMPARE(draft.error().kind, ErrorKind::Invalid);
                QVERIFY(!draft.error().message.isEmpty());
            }
        }
        qInfo("fuzz: %d files read in %lld ms, %d accepted as articles", s_runs, timer.elapsed(), accepted);
        QVERIFY(accepted > 0 && accepted < s_runs);
    }
};

QTEST_GUILESS_MAIN(tst_ArticleFiles)
#include "tst_articlefiles.moc"

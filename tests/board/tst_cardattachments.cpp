// SPDX-License-Identifier: GPL-3.0-or-later
// The card editor's attachments, and files dropped onto a card on the board: stored, opened, saved, removed.
#include "demowindowtestcase.h"

#include <board/model/attachmentmodel.h>
#include <board/model/boardmodel.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/cardeditor/attachmentspane.h>
#include <board/widgets/cardeditor/cardeditor.h>

#include <QAbstractItemModelTester>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <QUrl>

using namespace hb;

/// Stands in for the desktop: records the files HelpBoard asks it to open (QDesktopServices::setUrlHandler).
class Desktop : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened << url; }
};

class tst_CardAttachments : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<app::MainWindow> m_window;
    board::CardEditor *m_editor = nullptr;
    board::AttachmentsPane *m_pane = nullptr;
    qint64 m_id = 0;
    Desktop m_desktop;

    bool saved() const { return tests::DemoWindowTestCase::saved(*m_window); }

    QList<storage::Attachment> storedAttachments() const
    {
        auto store = storeAs();
        return store->attachments(m_id).value();
    }

    /// @p size pseudo-random bytes at @p name in the test folder; its path.
    QString randomFile(const QString &name, qint64 size) const
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        QRandomGenerator generator{quint32(size)};
        QByteArray piece(1024 * 1024, Qt::Uninitialized);
        for (qint64 written = 0; written < size; written += piece.size()) {
            for (char &byte : piece)
                byte = char(generator.bounded(256));
            file.write(piece.constData(), std::min<qint64>(piece.size(), size - written));
        }
        return path;
    }

    QMimeData *filesMime(const QStringList &paths) const
    {
        auto *mime = new QMimeData;
        QList<QUrl> urls;
        for (const QString &path : paths)
            urls << QUrl::fromLocalFile(path);
        mime->setUrls(urls);
        return mime;
    }

    /// Sends a file manager's drag of @p paths to @p target at @p at: enter, move, drop. Whether it was accepted.
    static bool dropFiles(QWidget *target, QPoint at, QMimeData *mime)
    {
        QDragEnterEvent enter(at, Qt::CopyAction | Qt::MoveAction | Qt::LinkAction, mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QDragMoveEvent move(at, Qt::CopyAction | Qt::MoveAction | Qt::LinkAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &move);
        if (!move.isAccepted())
            return false;
        QDropEvent drop(at, Qt::CopyAction | Qt::MoveAction | Qt::LinkAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
        return drop.isAccepted();
    }

    /// Types @p path into a file dialog's name field and presses Return, as a person would.
    static void chooseFile(QFileDialog *dialog, const QString &path)
    {
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        QVERIFY(name);
        // (Selected, not typed: typing a path pops up the dialog's completer, which would take the Return.)
        dialog->selectFile(path);
        QCOMPARE(name->text(), QFileInfo(path).fileName());
        QTest::keyClick(name, Qt::Key_Return);
    }

    QModelIndex rowNamed(const QString &name) const
    {
        const QAbstractItemModel *model = m_pane->view()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data().toString() == name)
                return model->index(row, 0);
        }
        return {};
    }

    void select(const QString &name)
    {
        const QModelIndex index = rowNamed(name);
        QVERIFY2(index.isValid(), qPrintable(name));
        QListView *view = m_pane->view();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        QCOMPARE(view->currentIndex(), index);
    }

private Q_SLOTS:
    void initTestCase()
    {
        setUpDemo();
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &m_desktop, "open");
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_desktop, "open");
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    }

    // Each test opens the second card of Doing, in a window of its own.
    void init()
    {
        m_window = openDemo(QSize(1400, 900));
        QVERIFY(m_window);
        QListView *doing = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"))->columnView(1);
        doing->setFocus();
        doing->setCurrentIndex(doing->model()->index(1, 0, doing->rootIndex()));
        m_id = doing->currentIndex().data(board::BoardModel::IdRole).toLongLong();
        QTest::keyClick(doing, Qt::Key_Return);
        m_editor = m_window->findChild<board::CardEditor *>(QStringLiteral("cardEditor"));
        QVERIFY(m_editor && m_editor->isVisible());
        m_pane = m_editor->findChild<board::AttachmentsPane *>(QStringLiteral("attachmentsPane"));
        QVERIFY(m_pane);
        m_desktop.opened.clear();
    }

    void cleanup()
    {
        if (m_window)
            QVERIFY(saved());
        m_window.reset();
    }

    void shouldAttachOpenSaveAndRemoveAMultiMegabyteFileUnchanged()
    {
        QAbstractItemModelTester tester(m_pane->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString source =
                randomFile(QStringLiteral("Dell Latitude 7450 service manual.pdf"), 6 * 1024 * 1024 + 77);
        const QByteArray sha = tests::sha256Of(source);
        const int before = int(storedAttachments().size());

        // WHEN a file is attached through Add > File…, with the file dialog
        auto *add = m_pane->findChild<QToolButton *>(QStringLiteral("addAttachment"));
        QVERIFY(add->isEnabled());
        add->menu()->findChild<QAction *>(QStringLiteral("attachFile"))->trigger();
        auto *dialog = m_pane->findChild<QFileDialog *>(QStringLiteral("attachFileDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QSignalSpy progress(m_window->actions(), &board::BoardActions::uploadProgress);
        chooseFile(dialog, source);
        QVERIFY(saved());

        // THEN it is in the file, unchanged, with who and when; the list shows it; the upload told its progress
        const QList<storage::Attachment> stored = storedAttachments();
        QCOMPARE(int(stored.size()), before + 1);
        const storage::Attachment attached = stored.last();
        QCOMPARE(attached.name, QFileInfo(source).fileName());
        QCOMPARE(attached.sha256, sha);
        QCOMPARE(attached.size, QFileInfo(source).size());
        QCOMPARE(attached.createdBy, QStringLiteral("alice"));
        QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Attach “%1”").arg(attached.name));
        QVERIFY(progress.count() >= 12); // 6 MB in 512 KiB chunks, then "finished"
        QCOMPARE(progress.constLast().at(4).toBool(), true);
        QTRY_VERIFY(!m_pane->findChild<QWidget *>(QStringLiteral("uploadRow"))->isVisible());
        const QModelIndex row = rowNamed(attached.name);
        QVERIFY(row.isValid());
        QVERIFY2(row.data(board::AttachmentModel::DetailsRole).toString().contains(QStringLiteral("6.0 MB")),
                 qPrintable(row.data(board::AttachmentModel::DetailsRole).toString()));
        // who attached it, by name as the rest of the window shows people
        const QString alice = m_window->model()->memberName(QStringLiteral("alice"));
        QVERIFY(alice != u"alice");
        QVERIFY(row.data(board::AttachmentModel::DetailsRole)
                        .toString()
                        .contains(QStringLiteral(" · %1 · ").arg(alice)));
        QCOMPARE(m_window->model()->cardIndex(m_id).data(board::BoardModel::AttachmentCountRole).toInt(), before + 1);

        // WHEN it is opened with a double-click
        select(attached.name);
        QListView *view = m_pane->view();
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(rowNamed(attached.name)).center());
        // THEN the desktop gets a read-only copy in a private folder, identical to the original
        QTRY_COMPARE(m_desktop.opened.size(), 1);
        const QString extracted = m_desktop.opened.first().toLocalFile();
        QVERIFY2(extracted.startsWith(m_pane->openFolder() + u'/'), qPrintable(extracted));
        QCOMPARE(QFileInfo(extracted).fileName(), attached.name);
        QCOMPARE(tests::sha256Of(extracted), sha);
        QCOMPARE(QFile::permissions(extracted) & (QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        QCOMPARE(QFile::permissions(QFileInfo(m_pane->openFolder()).absoluteFilePath())
                         & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeGroup | QFile::ExeOther),
                 QFile::Permissions());

        // WHEN it is saved with Save As…, THEN the copy is identical too
        const QString copy = m_dir.filePath(QStringLiteral("saved copy.pdf"));
        m_pane->findChild<QToolButton *>(QStringLiteral("saveAttachment"))->click();
        auto *saveDialog = m_pane->findChild<QFileDialog *>(QStringLiteral("saveAttachmentDialog"));
        QVERIFY(saveDialog);
        QTRY_VERIFY(saveDialog->isVisible());
        QCOMPARE(saveDialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))->text(), attached.name);
        chooseFile(saveDialog, copy);
        QTRY_VERIFY(QFileInfo::exists(copy));
        QVERIFY(saved());
        QCOMPARE(tests::sha256Of(copy), sha);
        auto *notice = m_pane->findChild<QLabel *>(QStringLiteral("attachmentNotice"));
        QTRY_VERIFY(notice->text().startsWith(u"Saved as"));

        // WHEN it is removed with the Delete key, THEN it goes at once and from the file; undo brings it back whole
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(!rowNamed(attached.name).isValid());
        QVERIFY(saved());
        QCOMPARE(int(storedAttachments().size()), before);
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QCOMPARE(storedAttachments().last().id, attached.id);
        QVERIFY(rowNamed(attached.name).isValid());
        auto store = storeAs();
        const QString again = m_dir.filePath(QStringLiteral("after undo.pdf"));
        QVERIFY(store->saveAttachment(attached.id, again));
        QCOMPARE(tests::sha256Of(again), sha);
        // AND redo removes it again
        m_window->undoStack()->redo();
        QVERIFY(saved());
        QCOMPARE(int(storedAttachments().size()), before);
    }

    void shouldAttachFilesDroppedOnTheEditorOrOnTheCardOnTheBoard_data()
    {
        QTest::addColumn<QString>("target");
        QTest::newRow("the attachments") << QStringLiteral("pane");
        QTest::newRow("the description") << QStringLiteral("description");
        QTest::newRow("the card on the board") << QStringLiteral("card");
    }

    void shouldAttachFilesDroppedOnTheEditorOrOnTheCardOnTheBoard()
    {
        QFETCH(QString, target);
        const QString first = randomFile(QStringLiteral("drop-%1-a.txt").arg(target), 1000);
        const QString second = randomFile(QStringLiteral("drop-%1-b.log").arg(target), 300'000);
        const int before = int(storedAttachments().size());
        const QString description =
                m_editor->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"))->toPlainText();
        bool accepted = false;
        if (target == u"pane") {
            accepted = dropFiles(m_pane, m_pane->rect().center(), filesMime({first, second}));
        } else if (target == u"description") {
            auto *edit = m_editor->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"));
            accepted = dropFiles(edit->viewport(), edit->viewport()->rect().center(), filesMime({first, second}));
        } else {
            QListView *doing = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"))->columnView(1);
            const QModelIndex card = doing->model()->index(1, 0, doing->rootIndex());
            QCOMPARE(card.data(board::BoardModel::IdRole).toLongLong(), m_id);
            accepted = dropFiles(doing->viewport(), doing->visualRect(card).center(), filesMime({first, second}));
        }
        QVERIFY(accepted);
        QVERIFY(saved());
        // THEN both are attached, each its own undo step, and the description did not get their paths as text
        const QList<storage::Attachment> stored = storedAttachments();
        QCOMPARE(int(stored.size()), before + 2);
        QCOMPARE(stored.at(before).name, QFileInfo(first).fileName());
        QCOMPARE(stored.at(before + 1).name, QFileInfo(second).fileName());
        QCOMPARE(stored.at(before + 1).sha256, tests::sha256Of(second));
        QCOMPARE(m_editor->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"))->toPlainText(), description);
        QTRY_VERIFY(rowNamed(QFileInfo(second).fileName()).isValid());
        m_window->undoStack()->undo();
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QCOMPARE(int(storedAttachments().size()), before);
    }

    void shouldNotTakeADropBetweenCardsOrOfSomethingElse()
    {
        const QString file = randomFile(QStringLiteral("between.txt"), 100);
        QListView *doing = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"))->columnView(1);
        const int last = doing->model()->rowCount(doing->rootIndex()) - 1;
        const QRect card = doing->visualRect(doing->model()->index(last, 0, doing->rootIndex()));
        // Below the last card, on no card: which one was meant is not clear
        QVERIFY(card.bottom() + 20 < doing->viewport()->height());
        QVERIFY(!dropFiles(doing->viewport(), QPoint(card.center().x(), card.bottom() + 20), filesMime({file})));
        // Text and web addresses are not files
        auto *text = new QMimeData;
        text->setText(QStringLiteral("just some text"));
        QVERIFY(!dropFiles(m_pane, m_pane->rect().center(), text));
        auto *web = new QMimeData;
        web->setUrls({QUrl(QStringLiteral("https://example.org/manual.pdf"))});
        QVERIFY(!dropFiles(m_pane, m_pane->rect().center(), web));
        QVERIFY(saved());
        QVERIFY(m_window->undoStack()->count() == 0);
    }

    void shouldRefuseFilesItCannotStoreWithAClearMessageAndNothingHalfWritten_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("vanished before the upload") << QStringLiteral("vanished") << QStringLiteral("no longer there");
        QTest::newRow("a folder") << QStringLiteral("folder") << QStringLiteral("not a file");
        QTest::newRow("over the board's limit") << QStringLiteral("big") << QStringLiteral("limit");
    }

    void shouldRefuseFilesItCannotStoreWithAClearMessageAndNothingHalfWritten()
    {
        QFETCH(QString, kind);
        QFETCH(QString, words);
        QString path;
        if (kind == u"vanished") {
            path = randomFile(QStringLiteral("gone.txt"), 10);
            QVERIFY(QFile::remove(path));
        } else if (kind == u"folder") {
            path = m_dir.filePath(QStringLiteral("a folder.pdf"));
            QVERIFY(QDir().mkpath(path));
        } else {
            // A limit of 1 MiB for this test (admins set it), and a file just over it.
            {
                auto store = storeAs();
                QVERIFY(store->setSetting(QStringLiteral("attachment_limit_bytes"), QString::number(1024 * 1024)));
            }
            path = randomFile(QStringLiteral("big.iso"), 1024 * 1024 + 1);
        }
        const int before = int(storedAttachments().size());
        QSignalSpy failed(m_window->actions(), &board::BoardActions::failed);
        m_pane->attachFiles({path});
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(words), qPrintable(failed.first().first().toString()));
        QVERIFY(saved());
        QCOMPARE(int(storedAttachments().size()), before);
        QCOMPARE(m_window->undoStack()->count(), 0);
        auto store = storeAs();
        QVERIFY(store->verify().value().isEmpty());
        if (kind == u"big")
            QVERIFY(store->setSetting(QStringLiteral("attachment_limit_bytes"), QString::number(100 * 1024 * 1024)));
        auto *message = m_window->findChild<QMessageBox *>(QStringLiteral("notSavedMessage"));
        if (message)
            message->close();
    }

    void shouldCancelALargeUploadAndKeepNothingOfIt()
    {
        const QString source = randomFile(QStringLiteral("installer image.iso"), 40 * 1024 * 1024);
        const QString hash = QString::fromLatin1(tests::sha256Of(source));
        const int before = int(storedAttachments().size());
        m_pane->attachFiles({source});
        // WHEN Cancel is pressed while it is being stored
        auto *row = m_pane->findChild<QWidget *>(QStringLiteral("uploadRow"));
        QTRY_VERIFY(row->isVisible());
        QVERIFY(m_pane->findChild<QLabel *>(QStringLiteral("uploadText"))->text().contains(u"installer image.iso"));
        QTest::mouseClick(m_pane->findChild<QToolButton *>(QStringLiteral("cancelUpload")), Qt::LeftButton);
        QVERIFY(saved());
        // THEN nothing of it is on the card or in the file, the step is gone, and the progress row too
        QCOMPARE(int(storedAttachments().size()), before);
        QCOMPARE(m_window->undoStack()->count(), 0);
        QTRY_VERIFY(!row->isVisible());
        auto *message = m_window->findChild<QMessageBox *>(QStringLiteral("notSavedMessage"));
        QVERIFY(message && message->text().contains(u"cancelled"));
        message->close();
        auto store = storeAs();
        QVERIFY(store->verify().value().isEmpty());
        // AND none of what was stored before the cancel stays in the file
        const tests::RawResult chunks = tests::rawSql(
                m_board, {QStringLiteral("SELECT count(*) FROM attachment_chunks WHERE sha256 = '%1'").arg(hash)});
        QCOMPARE(chunks.error, QString());
        QCOMPARE(chunks.rows.value(0).value(0).toInt(), 0);
        // AND the next file attaches normally
        m_pane->attachFiles({randomFile(QStringLiteral("after.txt"), 50)});
        QVERIFY(saved());
        QCOMPARE(int(storedAttachments().size()), before + 1);
    }

    void shouldLinkToAFileOnTheShareAndOpenIt()
    {
        const QString onShare = randomFile(QStringLiteral("Network diagram 2nd floor.vsdx"), 2000);
        const int before = int(storedAttachments().size());
        auto *add = m_pane->findChild<QToolButton *>(QStringLiteral("addAttachment"));
        add->menu()->findChild<QAction *>(QStringLiteral("linkFile"))->trigger();
        auto *dialog = m_pane->findChild<QFileDialog *>(QStringLiteral("linkFileDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        chooseFile(dialog, onShare);
        QVERIFY(saved());
        const storage::Attachment link = storedAttachments().last();
        QCOMPARE(int(storedAttachments().size()), before + 1);
        QCOMPARE(link.kind, storage::AttachmentKind::Link);
        QCOMPARE(link.linkPath, onShare);
        QCOMPARE(link.size, 0);
        // Opening goes to the file where it is, not a copy; Save As is for stored files only
        select(link.name);
        QVERIFY(!m_pane->findChild<QToolButton *>(QStringLiteral("saveAttachment"))->isEnabled());
        m_pane->findChild<QToolButton *>(QStringLiteral("openAttachment"))->click();
        QTRY_COMPARE(m_desktop.opened, QList<QUrl>{QUrl::fromLocalFile(onShare)});
        // A link whose file is gone (share not connected) says so
        QVERIFY(QFile::remove(onShare));
        m_pane->findChild<QToolButton *>(QStringLiteral("openAttachment"))->click();
        QTRY_VERIFY(
                m_pane->findChild<QLabel *>(QStringLiteral("attachmentNotice"))->text().contains(u"share connected"));
        QCOMPARE(m_desktop.opened.size(), 1);
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QCOMPARE(int(storedAttachments().size()), before);
    }

    void shouldOpenAWebLinkInTheBrowser()
    {
        // GIVEN a link to a web page on the card (as a Trello import makes them), added on another desktop
        const QString page = QStringLiteral("https://support.example.com/m507/manual.pdf");
        QVERIFY(storeAs()->addLink(m_id, page));
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(QStringLiteral("manual.pdf")).isValid(), 10000);
        // WHEN it is opened: the browser gets the address as it is, no file is looked for
        select(QStringLiteral("manual.pdf"));
        m_pane->findChild<QToolButton *>(QStringLiteral("openAttachment"))->click();
        QTRY_COMPARE(m_desktop.opened, QList<QUrl>{QUrl(page)});
        QVERIFY(!m_pane->findChild<QLabel *>(QStringLiteral("attachmentNotice"))->text().contains(u"share"));
    }

    void shouldNeverOpenAProgramOnlySaveIt()
    {
        const QString installer = randomFile(QStringLiteral("Setup VPN client.msi"), 4000);
        m_pane->attachFiles({installer});
        QVERIFY(saved());
        select(QStringLiteral("Setup VPN client.msi"));
        m_pane->findChild<QToolButton *>(QStringLiteral("openAttachment"))->click();
        QVERIFY(saved());
        QVERIFY(m_desktop.opened.isEmpty());
        auto *notice = m_pane->findChild<QLabel *>(QStringLiteral("attachmentNotice"));
        QVERIFY(notice->text().contains(u"Save As"));
        QVERIFY(!notice->isHidden());
        QVERIFY(m_pane->findChild<QToolButton *>(QStringLiteral("saveAttachment"))->isEnabled());
        // AND once the program is removed, its warning goes with it; undo brings the file back, not the warning
        QTest::mouseClick(m_pane->findChild<QToolButton *>(QStringLiteral("removeAttachment")), Qt::LeftButton);
        QVERIFY(saved());
        QVERIFY(notice->isHidden());
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QVERIFY(notice->isHidden());
    }

    void shouldShowAThumbnailForAPicture()
    {
        QImage picture(640, 400, QImage::Format_RGB32);
        picture.fill(QColor(0x29, 0x80, 0xb9));
        QPainter(&picture).fillRect(0, 0, 320, 400, QColor(0xc0, 0x39, 0x2b));
        const QString path = m_dir.filePath(QStringLiteral("error dialog.png"));
        QVERIFY(picture.save(path));
        m_pane->attachFiles({path});
        QVERIFY(saved());
        const QModelIndex row = rowNamed(QStringLiteral("error dialog.png"));
        QVERIFY(row.isValid());
        QTRY_VERIFY(!row.data(board::AttachmentModel::ThumbnailRole).value<QImage>().isNull());
        const QImage thumbnail = row.data(board::AttachmentModel::ThumbnailRole).value<QImage>();
        QVERIFY(thumbnail.width() <= 96 && thumbnail.height() <= 96);
        QCOMPARE(thumbnail.width(), 96); // the aspect ratio kept: 640x400 -> 96x60
        QCOMPARE(thumbnail.height(), 60);
        QCOMPARE(QColor(thumbnail.pixel(10, 30)), QColor(0xc0, 0x39, 0x2b));
        QCOMPARE(QColor(thumbnail.pixel(85, 30)), QColor(0x29, 0x80, 0xb9));
    }

    void shouldLetAViewerOpenAndSaveButNotChange()
    {
        m_window.reset();
        {
            QImage picture(300, 200, QImage::Format_RGB32);
            picture.fill(Qt::darkGreen);
            const QString path = m_dir.filePath(QStringLiteral("rack photo.png"));
            QVERIFY(picture.save(path));
            auto editor = storeAs();
            QVERIFY(editor->addAttachment(m_id, path));
        }
        auto store = storage::BoardStore::open(m_board, tests::optionsFor(QStringLiteral("margaret"))).value();
        QCOMPARE(store->role(), storage::Role::Viewer);
        const qint64 card = m_id;
        m_window = std::make_unique<app::MainWindow>(std::move(store));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(!m_window->actions());
        QListView *doing = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"))->columnView(1);
        doing->setCurrentIndex(m_window->findChild<board::BoardView *>(QStringLiteral("boardView"))->cardIndex(card));
        QTest::keyClick(doing, Qt::Key_Return);
        m_pane = m_window->findChild<board::AttachmentsPane *>(QStringLiteral("attachmentsPane"));
        QVERIFY(m_pane->isVisible());
        QVERIFY(!m_pane->findChild<QToolButton *>(QStringLiteral("addAttachment"))->isEnabled());
        QVERIFY(m_pane->model()->rowCount() > 0);
        m_pane->view()->setCurrentIndex(m_pane->model()->index(0, 0));
        QVERIFY(!m_pane->findChild<QToolButton *>(QStringLiteral("removeAttachment"))->isEnabled());
        QVERIFY(m_pane->findChild<QToolButton *>(QStringLiteral("saveAttachment"))->isEnabled());
        // Pictures have their thumbnail (read without a saver thread)
        bool picture = false;
        for (int row = 0; row < m_pane->model()->rowCount(); ++row) {
            const QModelIndex index = m_pane->model()->index(row, 0);
            if (index.data(board::AttachmentModel::MimeTypeRole).toString() == u"image/png") {
                picture = true;
                QTRY_VERIFY(!index.data(board::AttachmentModel::ThumbnailRole).value<QImage>().isNull());
            }
        }
        QVERIFY(picture);
        // Dropped files are not taken
        QVERIFY(!dropFiles(m_pane, m_pane->rect().center(), filesMime({randomFile(QStringLiteral("v.txt"), 5)})));
        m_window.reset();
    }
};

QTEST_MAIN(tst_CardAttachments)
#include "tst_cardattachments.moc"

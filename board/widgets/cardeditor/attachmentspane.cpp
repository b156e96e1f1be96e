// SPDX-License-Identifier: GPL-3.0-or-later
#include "attachmentspane.h"

#include "attachmentdelegate.h"

#include <board/actions/boardactions.h>
#include <board/model/attachmentmodel.h>
#include <board/rules/attachmentfiles.h>
#include <board/sync/storeworker.h>
#include <board/widgets/common/busyretry.h>
#include <storage/boardstore.h>

#include <QBuffer>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPointer>
#include <QTimer>
#include <QProgressBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace hb::board {

namespace {

constexpr int s_thumbnailSize = 96; // twice what is shown, for high-DPI screens

QToolButton *flatButton(const QString &name, const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}

QString lastFolder()
{
    const QString remembered = QSettings().value(QStringLiteral("attachments/folder")).toString();
    if (!remembered.isEmpty() && QFileInfo(remembered).isDir())
        return remembered;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void rememberFolder(const QString &file)
{
    QSettings().setValue(QStringLiteral("attachments/folder"), QFileInfo(file).absolutePath());
}

} // namespace

AttachmentsPane::AttachmentsPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new AttachmentModel(this))
{
    setObjectName(QStringLiteral("attachmentsPane"));
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *header = new QHBoxLayout;
    m_title = new QLabel(tr("Attachments"), this);
    QFont bold = m_title->font();
    bold.setWeight(QFont::DemiBold);
    m_title->setFont(bold);
    header->addWidget(m_title, 1);
    m_add = flatButton(QStringLiteral("addAttachment"), tr("Add"), tr("Attach a file, or link to one on the share"),
                       this);
    m_add->setPopupMode(QToolButton::InstantPopup);
    auto *addMenu = new QMenu(m_add);
    addMenu->addAction(tr("&File…"), this, &AttachmentsPane::addFiles)->setObjectName(QStringLiteral("attachFile"));
    addMenu->addAction(tr("&Link to a File on the Share…"), this, &AttachmentsPane::addLink)
            ->setObjectName(QStringLiteral("linkFile"));
    m_add->setMenu(addMenu);
    header->addWidget(m_add);
    layout->addLayout(header);

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("attachmentsView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new AttachmentDelegate(m_view));
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAccessibleName(tr("Attachments"));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->installEventFilter(this);
    m_view->viewport()->setAcceptDrops(false); // drops land on the pane
    layout->addWidget(m_view);
    m_empty = new QLabel(tr("No attachments. Drop files here, or use Add."), this);
    m_empty->setObjectName(QStringLiteral("attachmentsEmpty"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_empty);

    auto *selection = new QHBoxLayout;
    m_open = flatButton(QStringLiteral("openAttachment"), tr("Open"), tr("Open with the program for it (Enter)"), this);
    m_saveAs = flatButton(QStringLiteral("saveAttachment"), tr("Save As…"), tr("Save a copy of the file"), this);
    m_remove = flatButton(QStringLiteral("removeAttachment"), tr("Remove"),
                          tr("Remove it from the card (Delete; Ctrl+Z brings it back)"), this);
    for (QToolButton *button : {m_open, m_saveAs, m_remove})
        selection->addWidget(button);
    selection->addStretch(1);
    layout->addLayout(selection);
    connect(m_open, &QToolButton::clicked, this, &AttachmentsPane::openSelected);
    connect(m_saveAs, &QToolButton::clicked, this, &AttachmentsPane::saveSelectedAs);
    connect(m_remove, &QToolButton::clicked, this, &AttachmentsPane::removeSelected);
    connect(m_view, &QListView::activated, this, &AttachmentsPane::openSelected);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        if (!m_view->indexAt(at).isValid())
            return;
        QMenu menu(this);
        menu.addAction(m_open->text(), this, &AttachmentsPane::openSelected);
        menu.addAction(m_saveAs->text(), this, &AttachmentsPane::saveSelectedAs)->setEnabled(m_saveAs->isEnabled());
        menu.addAction(m_remove->text(), this, &AttachmentsPane::removeSelected)->setEnabled(m_remove->isEnabled());
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });

    m_uploadRow = new QWidget(this);
    m_uploadRow->setObjectName(QStringLiteral("uploadRow"));
    auto *upload = new QGridLayout(m_uploadRow);
    upload->setContentsMargins(0, 0, 0, 0);
    m_uploadText = new QLabel(m_uploadRow);
    m_uploadText->setObjectName(QStringLiteral("uploadText"));
    m_uploadText->setTextFormat(Qt::PlainText);
    upload->addWidget(m_uploadText, 0, 0, 1, 2);
    m_uploadBar = new QProgressBar(m_uploadRow);
    m_uploadBar->setObjectName(QStringLiteral("uploadProgress"));
    m_uploadBar->setTextVisible(false);
    m_uploadBar->setMaximumHeight(m_uploadBar->fontMetrics().height() / 2 + 4);
    upload->addWidget(m_uploadBar, 1, 0);
    auto *cancel = flatButton(QStringLiteral("cancelUpload"), tr("Cancel"), tr("Stop attaching (nothing is kept)"),
                              m_uploadRow);
    connect(cancel, &QToolButton::clicked, this, [this] {
        if (m_actions)
            m_actions->cancelUploads();
    });
    upload->addWidget(cancel, 1, 1);
    m_uploadRow->hide();
    layout->addWidget(m_uploadRow);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("attachmentNotice"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->setForegroundRole(QPalette::PlaceholderText);
    m_notice->hide();
    layout->addWidget(m_notice);

    // As tall as its rows: the editor scrolls, not the list.
    const auto resize = [this] {
        int height = 2 * m_view->frameWidth();
        for (int row = 0; row < m_model->rowCount(); ++row)
            height += m_view->sizeHintForRow(row);
        m_view->setFixedHeight(height);
        m_view->setVisible(m_model->rowCount() > 0);
        m_empty->setVisible(m_model->rowCount() == 0);
        m_title->setText(m_model->rowCount() ? tr("Attachments (%1)").arg(m_model->rowCount()) : tr("Attachments"));
        updateButtons();
    };
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, resize);
    connect(m_model, &QAbstractItemModel::modelReset, this, resize);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AttachmentsPane::requestThumbnails);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AttachmentsPane::requestThumbnails);
    // A notice about an attachment ("… is a program") goes with it.
    const auto forgetNotice = [this] {
        if (!m_noticeAbout)
            return;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->index(row, 0).data(AttachmentModel::IdRole).toLongLong() == m_noticeAbout)
                return;
        }
        say({});
    };
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, forgetNotice);
    connect(m_model, &QAbstractItemModel::modelReset, this, forgetNotice);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &AttachmentsPane::updateButtons);
    resize();
}

AttachmentsPane::~AttachmentsPane() = default;

void AttachmentsPane::setBoard(storage::BoardStore *store, BoardActions *actions)
{
    m_reader.reset(); // finishes what it was reading for the board before
    m_store = store;
    m_actions = actions;
    if (store)
        m_reader = std::make_unique<StoreWorker>(store->path(), store->options());
    m_cardId = 0;
    m_model->setAttachments(0, {});
    if (actions) {
        actions->setAttachments(m_model);
        connect(actions, &BoardActions::uploadProgress, this, &AttachmentsPane::showUpload, Qt::UniqueConnection);
    }
    m_add->setEnabled(actions != nullptr);
    // A viewer (or a read-only board) is not offered what it cannot do.
    m_empty->setText(actions ? tr("No attachments. Drop files here, or use Add.") : tr("No attachments."));
    m_uploadRow->hide();
    updateButtons();
}

void AttachmentsPane::showCard(qint64 cardId)
{
    m_cardId = cardId;
    m_notice->hide();
    if (!m_store || !cardId) {
        m_model->setAttachments(0, {});
        return;
    }
    if (auto attachments = m_store->attachments(cardId)) {
        m_model->setAttachments(cardId, *attachments);
    } else {
        m_model->setAttachments(cardId, {});
        say(attachments.error().message);
        // A colleague's save kept the file busy: read again in a moment, never waited for on the window's thread.
        if (foundBusy(attachments)) {
            QTimer::singleShot(s_busyRetryMs, this, [this, cardId] {
                if (m_cardId == cardId && isVisible())
                    showCard(cardId);
            });
        }
    }
    m_add->setEnabled(m_actions != nullptr);
}

void AttachmentsPane::attachFiles(const QStringList &paths)
{
    if (m_actions && m_cardId && !paths.isEmpty())
        m_actions->addAttachments(m_cardId, paths);
}

bool AttachmentsPane::takeFiles(QDropEvent *event)
{
    const QStringList files = m_actions && m_cardId ? attachmentfiles::localFiles(event->mimeData()) : QStringList();
    if (files.isEmpty()) {
        event->ignore();
        return false;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
    if (event->type() == QEvent::Drop)
        attachFiles(files);
    return true;
}

void AttachmentsPane::dragEnterEvent(QDragEnterEvent *event)
{
    takeFiles(event);
}

void AttachmentsPane::dragMoveEvent(QDragMoveEvent *event)
{
    takeFiles(event);
}

void AttachmentsPane::dropEvent(QDropEvent *event)
{
    takeFiles(event);
}

bool AttachmentsPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier) {
            removeSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void AttachmentsPane::addFiles()
{
    if (!m_actions || !m_cardId)
        return;
    auto *dialog = new QFileDialog(this, tr("Attach files"), lastFolder());
    dialog->setObjectName(QStringLiteral("attachFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    const qint64 cardId = m_cardId;
    connect(dialog, &QFileDialog::filesSelected, this, [this, cardId](const QStringList &files) {
        if (files.isEmpty() || !m_actions)
            return;
        rememberFolder(files.constFirst());
        m_actions->addAttachments(cardId, files);
    });
    dialog->open();
}

void AttachmentsPane::addLink()
{
    if (!m_actions || !m_cardId)
        return;
    auto *dialog = new QFileDialog(this, tr("Link to a file on the share"), lastFolder());
    dialog->setObjectName(QStringLiteral("linkFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    const qint64 cardId = m_cardId;
    connect(dialog, &QFileDialog::fileSelected, this, [this, cardId](const QString &file) {
        if (file.isEmpty() || !m_actions)
            return;
        rememberFolder(file);
        m_actions->addLink(cardId, QDir::toNativeSeparators(file));
    });
    dialog->open();
}

void AttachmentsPane::updateButtons()
{
    const bool selected = m_view->currentIndex().isValid();
    const bool link = selected && m_view->currentIndex().data(AttachmentModel::IsLinkRole).toBool();
    m_open->setEnabled(selected);
    m_saveAs->setEnabled(selected && !link);
    m_remove->setEnabled(selected && m_actions);
    for (QToolButton *button : {m_open, m_saveAs, m_remove})
        button->setVisible(m_model->rowCount() > 0);
}

QString AttachmentsPane::openFolder()
{
    // Private to this user (QTemporaryDir makes it 0700) and removed when HelpBoard quits.
    if (!m_openFolder)
        m_openFolder = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/helpboard-XXXXXX"));
    return m_openFolder->isValid() ? m_openFolder->path() : QString();
}

void AttachmentsPane::openSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const QString name = current.data().toString();
    if (current.data(AttachmentModel::IsLinkRole).toBool()) {
        const QString path = current.data(AttachmentModel::LinkRole).toString();
        // A web page (an imported Trello attachment, a vendor's manual online): the browser opens it.
        const QUrl web(path, QUrl::StrictMode);
        if (web.isValid() && (web.scheme() == u"https" || web.scheme() == u"http")) {
            if (!QDesktopServices::openUrl(web))
                say(tr("No browser is set up to open %1").arg(path));
            return;
        }
        if (attachmentfiles::isProgram({}, path)) {
            say(tr("“%1” is a program or script; HelpBoard does not start programs. Open its folder and start it "
                   "from there if you trust it.")
                        .arg(name));
            return;
        }
        // Looked for off the window's thread: a share that is gone can take its time to say so.
        say(tr("Looking for “%1”…").arg(QDir::toNativeSeparators(path)));
        QThreadPool::globalInstance()->start([pane = QPointer<AttachmentsPane>(this), path] {
            const bool found = QFileInfo::exists(path);
            QMetaObject::invokeMethod(
                    qApp,
                    [pane, path, found] {
                        if (!pane)
                            return;
                        if (!found) {
                            pane->say(tr("“%1” cannot be found; is the share connected?")
                                              .arg(QDir::toNativeSeparators(path)));
                            return;
                        }
                        pane->say({});
                        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
                    },
                    Qt::QueuedConnection);
        });
        return;
    }
    if (attachmentfiles::isProgram(current.data(AttachmentModel::MimeTypeRole).toString(), name)) {
        say(tr("“%1” is a program or script; HelpBoard does not start programs. Use Save As and start it from "
               "there if you trust it.")
                    .arg(name));
        return;
    }
    const QString folder = openFolder();
    if (folder.isEmpty()) {
        say(tr("HelpBoard could not make a private folder to open “%1” from").arg(name));
        return;
    }
    const qint64 id = current.data(AttachmentModel::IdRole).toLongLong();
    // One folder per attachment, so two files of the same name on one card do not meet.
    const QString target = folder + QStringLiteral("/%1/").arg(id) + attachmentfiles::safeFileName(name);
    const auto open = [this, target, name](const storage::Status &written) {
        if (!written) {
            say(written.error().message);
            return;
        }
        // What the content says it is counts too (a script under an innocent name).
        if (attachmentfiles::isProgram(QMimeDatabase().mimeTypeForFile(target).name(), target)) {
            QFile::remove(target);
            say(tr("“%1” is a program or script; HelpBoard does not start programs. Use Save As and start it "
                   "from there if you trust it.")
                        .arg(name));
            return;
        }
        // A copy to look at: read-only, so no one edits it thinking it goes back to the board.
        QFile::setPermissions(target, QFile::ReadOwner);
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(target)))
            say(tr("No program is set up to open “%1”; use Save As instead").arg(name));
    };
    if (QFileInfo(target).size() == current.data(AttachmentModel::SizeRole).toLongLong() && QFileInfo::exists(target)) {
        open({}); // extracted before in this session
        return;
    }
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner); // an older, partial copy
    extract(id, target, open);
}

void AttachmentsPane::saveSelectedAs()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.data(AttachmentModel::IsLinkRole).toBool())
        return;
    const qint64 id = current.data(AttachmentModel::IdRole).toLongLong();
    const QString name = current.data().toString();
    auto *dialog = new QFileDialog(this, tr("Save “%1” as").arg(name), lastFolder());
    dialog->setObjectName(QStringLiteral("saveAttachmentDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->selectFile(attachmentfiles::safeFileName(name));
    connect(dialog, &QFileDialog::fileSelected, this, [this, id](const QString &file) {
        if (file.isEmpty())
            return;
        rememberFolder(file);
        extract(id, file, [this, file](const storage::Status &written) {
            say(written ? tr("Saved as %1").arg(QDir::toNativeSeparators(file)) : written.error().message);
        });
    });
    dialog->open();
}

void AttachmentsPane::removeSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_actions)
        return;
    m_actions->removeAttachment(m_cardId, current.data(AttachmentModel::IdRole).toLongLong());
}

void AttachmentsPane::showUpload(qint64 cardId, const QString &name, qint64 done, qint64 total, bool finished)
{
    if (finished) {
        m_uploadRow->hide();
        return;
    }
    m_uploadRow->show();
    const QString where = cardId == m_cardId ? QString() : tr(" (to card #%1)").arg(cardId);
    m_uploadText->setText(
            tr("Storing %1%2: %3 of %4")
                    .arg(name, where, attachmentfiles::humanSize(done), attachmentfiles::humanSize(total)));
    // Per mille, so files over 2 GiB fit in the bar's int range too.
    m_uploadBar->setRange(0, 1000);
    m_uploadBar->setValue(total > 0 ? int(done * 1000 / total) : 0);
}

void AttachmentsPane::requestThumbnails()
{
    if (!m_reader)
        return;
    for (const storage::Attachment &attachment : m_model->attachments()) {
        if (attachment.kind != storage::AttachmentKind::File
            || !attachmentfiles::hasThumbnail(attachment.mimeType, attachment.size)
            || m_model->hasThumbnail(attachment.sha256) || m_thumbnailsAsked.contains(attachment.sha256)) {
            continue;
        }
        // Asked once while on its way; a picture Qt cannot read stays asked, so it is not read again and again.
        m_thumbnailsAsked << attachment.sha256;
        const QByteArray sha256 = attachment.sha256;
        const qint64 id = attachment.id;
        m_reader->submit(
                [id](storage::BoardStore &store) {
                    QBuffer buffer;
                    buffer.open(QIODevice::WriteOnly);
                    Saved read{store.readAttachment(id, &buffer)};
                    if (read.status)
                        read.result =
                                attachmentfiles::thumbnail(buffer.data(), QSize(s_thumbnailSize, s_thumbnailSize));
                    return read;
                },
                // The reader is this pane's: its answers never outlive it.
                [this, sha256](const Saved &read) {
                    const QImage image = read.result.value<QImage>();
                    if (image.isNull())
                        return;
                    m_thumbnailsAsked.remove(sha256);
                    m_model->setThumbnail(sha256, image);
                });
    }
}

void AttachmentsPane::extract(qint64 id, const QString &path, std::function<void(const storage::Status &)> done)
{
    if (!m_reader) {
        done(storage::Error{storage::ErrorKind::NotFound, tr("no board is open")});
        return;
    }
    m_reader->submit([id, path](storage::BoardStore &store) { return Saved{store.saveAttachment(id, path)}; },
                     [done = std::move(done)](const Saved &written) { done(written.status); });
}

void AttachmentsPane::say(const QString &notice)
{
    // What is said is about the attachment acted on, the current one.
    m_noticeAbout = notice.isEmpty() ? 0 : m_view->currentIndex().data(AttachmentModel::IdRole).toLongLong();
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

} // namespace hb::board

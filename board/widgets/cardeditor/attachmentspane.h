// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QSet>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QListView;
class QProgressBar;
class QTemporaryDir;
class QToolButton;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class AttachmentModel;
class BoardActions;
class StoreWorker;

/**
 * The card editor's attachments: the list (thumbnails for pictures), Add (files, or a link to a file on the share),
 * and for the one selected Open, Save As and Remove. Files dropped on it are attached. Storing a large file shows
 * its progress with a Cancel button; the window goes on meanwhile.
 *
 * Open extracts the file to a private folder of this session (removed when HelpBoard quits), read-only and under a
 * safe name, and hands it to the desktop; programs and scripts are never opened that way, only saved.
 */
class AttachmentsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentsPane)

public:
    explicit AttachmentsPane(QWidget *parent = nullptr);
    ~AttachmentsPane() override;

    /// @p actions null: the attachments can be opened and saved, not changed.
    void setBoard(storage::BoardStore *store, BoardActions *actions);
    void showCard(qint64 cardId);
    /// Attaches @p paths to the card shown, each its own undo step.
    void attachFiles(const QStringList &paths);
    /**
     * A drag of local files over this pane or a widget that forwards to it: accepted (as a copy) when they can be
     * attached to the card shown, and attached when it is the drop. Anything else (text, a card) is ignored.
     */
    bool takeFiles(QDropEvent *event);

    AttachmentModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    /// Where opened attachments are extracted (made on first use).
    QString openFolder();

    void openSelected();
    void saveSelectedAs();
    void removeSelected();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addFiles();
    void addLink();
    void updateButtons();
    void showUpload(qint64 cardId, const QString &name, qint64 done, qint64 total, bool finished);
    void requestThumbnails();
    void say(const QString &notice);
    /// Writes attachment @p id to @p path on the reader thread; @p done gets how it went, on this thread.
    void extract(qint64 id, const QString &path, std::function<void(const storage::Status &)> done);

    storage::BoardStore *m_store = nullptr;
    BoardActions *m_actions = nullptr;
    qint64 m_cardId = 0;
    AttachmentModel *m_model;
    QLabel *m_title = nullptr;
    QToolButton *m_add = nullptr;
    QListView *m_view = nullptr;
    QLabel *m_empty = nullptr;
    QToolButton *m_open = nullptr;
    QToolButton *m_saveAs = nullptr;
    QToolButton *m_remove = nullptr;
    QWidget *m_uploadRow = nullptr;
    QLabel *m_uploadText = nullptr;
    QProgressBar *m_uploadBar = nullptr;
    QLabel *m_notice = nullptr;
    qint64 m_noticeAbout = 0; ///< the attachment the notice is about (0: none)
    std::unique_ptr<QTemporaryDir> m_openFolder;
    /// Reads attachments (open, save as, thumbnails) on a thread and connection of its own, for viewers too, so a
    /// large file on a slow share never freezes the window nor waits behind uploads.
    std::unique_ptr<StoreWorker> m_reader;
    QSet<QByteArray> m_thumbnailsAsked;
};

} // namespace hb::board

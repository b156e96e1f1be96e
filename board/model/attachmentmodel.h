// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QAbstractListModel>
#include <QHash>
#include <QImage>

#include <functional>

namespace hb::board {

/**
 * One card's attachments, oldest first: files stored in the board and links to files on the share, with who added
 * them and when, and a thumbnail for pictures once one is read. Rows change through setAttachments() (what the file
 * holds) and showRemoved() (a removal shown before it is saved).
 */
class AttachmentModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentModel)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        IsLinkRole,
        SizeRole,
        MimeTypeRole,
        CreatedByRole,
        CreatedAtRole, ///< QDateTime, local time
        LinkRole,      ///< the path on the share, for links
        Sha256Role,
        ThumbnailRole, ///< QImage; null until read (and for anything but pictures)
        DetailsRole,   ///< "2.3 MB · alice · 1 Dec 14:05", or "Link · alice · ..." for people
    };
    Q_ENUM(Roles)

    explicit AttachmentModel(QObject *parent = nullptr);
    ~AttachmentModel() override;

    qint64 cardId() const { return m_cardId; }
    /// Card @p cardId's attachments as the file has them; rows that stay keep their place (and a selection).
    void setAttachments(qint64 cardId, const QList<storage::Attachment> &attachments);
    /// How a login is shown (the board's display names, as everywhere else); the login itself until set.
    void setNameOf(std::function<QString(const QString &login)> nameOf) { m_nameOf = std::move(nameOf); }
    const QList<storage::Attachment> &attachments() const { return m_attachments; }
    void showRemoved(qint64 id);
    int row(qint64 id) const;

    /// A thumbnail for every picture with content @p sha256 (kept for the card shown next, too).
    void setThumbnail(const QByteArray &sha256, const QImage &image);
    bool hasThumbnail(const QByteArray &sha256) const { return m_thumbnails.contains(sha256); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    qint64 m_cardId = 0;
    QList<storage::Attachment> m_attachments;
    QHash<QByteArray, QImage> m_thumbnails;
    std::function<QString(const QString &)> m_nameOf;
};

} // namespace hb::board

//! Message events read the same whichever payload version (`2025-01-01` or `2026-02-03`)
//! the subscription receives.

use jiff::Timestamp;

use crate::types::{
    ChatHandle, ChatId, MessageEvent, MessageId, ServiceType, WebhookDirection, WebhookMessagePart,
};

/// The same questions of either payload version. A `2025-01-01` payload leaves everything
/// optional, so these answer `None` (or nothing) where it left a value out.
impl MessageEvent {
    /// The message's id.
    pub fn message_id(&self) -> Option<&MessageId> {
        match self {
            MessageEvent::MessageEventV2(v2) => Some(&v2.id),
            MessageEvent::MessageEventV1(v1) => v1.message.as_ref()?.id.as_ref(),
            MessageEvent::Unknown(_) => None,
        }
    }

    /// The chat's id.
    pub fn chat_id(&self) -> Option<&ChatId> {
        match self {
            MessageEvent::MessageEventV2(v2) => Some(&v2.chat.id),
            MessageEvent::MessageEventV1(v1) => v1.chat_id.as_ref(),
            MessageEvent::Unknown(_) => None,
        }
    }

    /// The message's parts.
    pub fn parts(&self) -> &[WebhookMessagePart] {
        match self {
            MessageEvent::MessageEventV2(v2) => &v2.parts,
            MessageEvent::MessageEventV1(v1) => v1
                .message
                .as_ref()
                .and_then(|m| m.parts.as_deref())
                .unwrap_or_default(),
            MessageEvent::Unknown(_) => &[],
        }
    }

    /// Whether someone else sent it to one of your lines (rather than you sending it).
    pub fn is_inbound(&self) -> Option<bool> {
        match self {
            MessageEvent::MessageEventV2(v2) => match v2.direction {
                WebhookDirection::Inbound => Some(true),
                WebhookDirection::Outbound => Some(false),
                _ => None,
            },
            MessageEvent::MessageEventV1(v1) => v1.is_from_me.map(|mine| !mine),
            MessageEvent::Unknown(_) => None,
        }
    }

    /// Who sent it.
    pub fn sender(&self) -> Option<&ChatHandle> {
        match self {
            MessageEvent::MessageEventV2(v2) => Some(&v2.sender_handle),
            MessageEvent::MessageEventV1(v1) => v1.from_handle.as_ref(),
            MessageEvent::Unknown(_) => None,
        }
    }

    /// The service it went over.
    pub fn service(&self) -> Option<&ServiceType> {
        match self {
            MessageEvent::MessageEventV2(v2) => Some(&v2.service),
            MessageEvent::MessageEventV1(v1) => v1.service.as_ref(),
            MessageEvent::Unknown(_) => None,
        }
    }

    /// When it was sent.
    pub fn sent_at(&self) -> Option<Timestamp> {
        match self {
            MessageEvent::MessageEventV2(v2) => v2.sent_at,
            MessageEvent::MessageEventV1(v1) => v1.message.as_ref()?.sent_at,
            MessageEvent::Unknown(_) => None,
        }
    }
}

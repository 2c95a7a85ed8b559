//! Where a job runs (methodology A.3): a server on premises, a personal computer or a
//! cloud; it decides the default PUE and, beyond Green Algorithms, the hardware's lifespan.

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Where the job runs; decides the default PUE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// A server on premises (PUE default: the data version's `Unknown` PUE).
    #[default]
    #[serde(alias = "local-server", alias = "localServer")]
    LocalServer,
    /// A laptop or desktop (PUE 1).
    #[serde(alias = "personal-computer", alias = "personalComputer")]
    PersonalComputer,
    /// A cloud provider (PUE of the data centre, else the provider's default).
    #[serde(alias = "cloudComputing")]
    Cloud,
}

impl Platform {
    /// `"local_server"`, `"personal_computer"` or `"cloud"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::LocalServer => "local_server",
            Platform::PersonalComputer => "personal_computer",
            Platform::Cloud => "cloud",
        }
    }

    /// Reads `local_server`/`local-server`, `personal_computer`/`personal-computer`,
    /// `cloud`.
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] on `platform` listing the accepted values.
    pub fn parse(text: &str) -> Result<Platform, Error> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "local_server" | "localserver" | "local" => Ok(Platform::LocalServer),
            "personal_computer" | "personalcomputer" | "pc" | "laptop" => {
                Ok(Platform::PersonalComputer)
            }
            "cloud" => Ok(Platform::Cloud),
            _ => Err(Error::InvalidDocument {
                field: "platform".to_owned(),
                message: format!("expected local_server, personal_computer or cloud, got {text:?}"),
            }),
        }
    }
}

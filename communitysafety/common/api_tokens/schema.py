"""The token scheme in the OpenAPI schema, so partners (and schemathesis) see it."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "communitysafety.common.api_tokens.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, _auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A read-only partner token from the admin (Settings → API tokens), sent as "
                "`Token <key>` or `Bearer <key>`. GET, HEAD and OPTIONS only. It expires "
                "on the date shown in the admin (401 after), and each token may make "
                "API_TOKEN_RATE requests (default 600 a minute; 429 with Retry-After after)."
            ),
        }

#!/usr/bin/env python3
"""Golden EKS bearer tokens, made the way `aws eks get-token` makes them, at a frozen signing time.

Used by EksTokenTests to check IrsaPS's token byte for byte against an independent implementation.

    eks_token_golden.py REGION CLUSTER ACCESS_KEY SECRET_KEY SIGNING_TIME [SESSION_TOKEN]

SIGNING_TIME is ISO 8601 UTC, e.g. 2024-01-02T03:04:05Z. Prints the token. Uses awscli's own TokenGenerator when
the aws CLI v1 package is importable, else the same steps on plain botocore (presign GetCallerIdentity with the
x-k8s-aws-id header signed, 60 s expiry, 'k8s-aws-v1.' + unpadded base64url of the URL).
"""
import base64
import datetime
import sys
from unittest import mock

import botocore.auth
import botocore.session
from botocore.config import Config

K8S_AWS_ID_HEADER = "x-k8s-aws-id"
TOKEN_PREFIX = "k8s-aws-v1."
URL_TIMEOUT = 60


def botocore_token(session, region, cluster):
    client = session.create_client("sts", region_name=region, config=Config(signature_version="v4"))

    def retrieve_k8s_aws_id(params, context, **kwargs):
        if K8S_AWS_ID_HEADER in params:
            context[K8S_AWS_ID_HEADER] = params.pop(K8S_AWS_ID_HEADER)

    def inject_k8s_aws_id_header(request, **kwargs):
        if K8S_AWS_ID_HEADER in request.context:
            request.headers[K8S_AWS_ID_HEADER] = request.context[K8S_AWS_ID_HEADER]

    client.meta.events.register("provide-client-params.sts.GetCallerIdentity", retrieve_k8s_aws_id)
    client.meta.events.register("before-sign.sts.GetCallerIdentity", inject_k8s_aws_id_header)
    url = client.generate_presigned_url(
        "get_caller_identity", Params={K8S_AWS_ID_HEADER: cluster}, ExpiresIn=URL_TIMEOUT, HttpMethod="GET")
    return TOKEN_PREFIX + base64.urlsafe_b64encode(url.encode("utf-8")).decode("utf-8").rstrip("=")


def main(argv):
    region, cluster, access_key, secret_key, signing_time = argv[1:6]
    session_token = argv[6] if len(argv) > 6 else None
    when = datetime.datetime.strptime(signing_time, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    session = botocore.session.Session()
    session.set_credentials(access_key, secret_key, session_token)
    session.set_config_variable("sts_regional_endpoints", "regional")
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        try:
            from awscli.customizations.eks.get_token import STSClientFactory, TokenGenerator
            token = TokenGenerator(STSClientFactory(session).get_sts_client(region_name=region)).get_token(cluster)
        except ImportError:
            token = botocore_token(session, region, cluster)
    print(token)


if __name__ == "__main__":
    main(sys.argv)

import time

def lambda_handler(event, context):
    if event.get("sleep"):
        time.sleep(30)
    if event.get("spin"):
        while True:
            try:
                pass
            except BaseException:
                pass
    return {"spun": False}
